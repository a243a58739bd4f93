package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateCodec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keeping the stream buffers in fp16 between chunks (as the state store does) keeps the logits
 * within 1e-3 relative of an fp32 run over 2,000 frames.
 */
class Fp16StorageTest {

    private static final int FRAMES = 2_000;
    private static final int CHUNK = 8;

    @Test
    void logitsStayWithinOneThousandthRelativeOver2000Frames() {
        try (StreamModel model = TestModel.load(); StreamPredictor predictor = model.newPredictor()) {
            // Given one session kept in memory (fp32) and one stored and restored after every chunk
            StateCodec codec = model.stateCodec();
            SessionState exact = codec.newState();
            SessionState stored = codec.newState();
            FrameBlock block = model.newFrameBlock(CHUNK);
            Random random = new Random(21);
            byte[][] chunk = new byte[CHUNK][];
            double worst = 0;
            double scale = 0;

            // When 2,000 frames of random pixels run through both in chunks of 8
            for (int start = 0; start < FRAMES; start += CHUNK) {
                chunk = TestModel.randomFrames(random, CHUNK);
                TestModel.fill(block, chunk, 0, CHUNK);
                float[] reference = predictor.step(exact, block);
                stored = codec.decode(codec.encode(stored)).state();
                float[] restored = predictor.step(stored, block);
                double relative = TestModel.maxAbsDiff(reference, restored) / TestModel.maxAbs(reference);
                worst = Math.max(worst, relative);
                scale = Math.max(scale, TestModel.maxAbs(reference));
            }

            // Then the worst relative difference stays below 1e-3, and both sessions counted every frame
            assertThat(worst).as("worst max|diff| / max|logit| over %d chunks", FRAMES / CHUNK)
                    .isLessThanOrEqualTo(1e-3);
            assertThat(scale).isGreaterThan(1.0);
            assertThat(exact.modelFrameCount()).isEqualTo(FRAMES);
            assertThat(stored.modelFrameCount()).isEqualTo(FRAMES);
            org.slf4j.LoggerFactory.getLogger(Fp16StorageTest.class)
                    .info("fp16 storage over {} frames: worst relative logit difference {}", FRAMES, worst);
        }
    }
}
