package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model is causal and the runtime carries its state exactly: chunking does not change the logits. */
class StreamingEquivalenceTest {

    private static final double TOLERANCE = 1e-4;
    private static StreamModel model;
    private static StreamPredictor predictor;

    @BeforeAll
    static void load() {
        model = TestModel.load();
        predictor = model.newPredictor();
    }

    @AfterAll
    static void close() {
        predictor.close();
        model.close();
    }

    @Test
    void wholeClipChunksOfEightAndFrameByFrameGiveTheSameLogits() {
        // Given a 24-frame clip of random pixels
        byte[][] clip = TestModel.randomFrames(new Random(11), 24);

        // When it runs whole, in chunks of 8 and frame by frame, each from a fresh session
        float[] whole = run(clip, 24).get(0);
        List<float[]> chunks = run(clip, 8);
        List<float[]> frames = run(clip, 1);

        // Then the logits after frames 8, 16 and 24 agree within 1e-4
        assertThat(TestModel.maxAbs(whole)).as("logits must not be trivially small").isGreaterThan(1.0);
        assertThat(TestModel.maxAbsDiff(whole, chunks.get(2))).isLessThanOrEqualTo(TOLERANCE);
        assertThat(TestModel.maxAbsDiff(whole, frames.get(23))).isLessThanOrEqualTo(TOLERANCE);
        for (int c = 0; c < 3; c++) {
            assertThat(TestModel.maxAbsDiff(chunks.get(c), frames.get(8 * c + 7)))
                    .as("chunk %d vs frame %d", c, 8 * c + 7).isLessThanOrEqualTo(TOLERANCE);
        }
        // and the logits do move with the frames (the state is not ignored)
        assertThat(TestModel.maxAbsDiff(frames.get(0), frames.get(23))).isGreaterThan(0.1);
    }

    @Test
    void frameByFrameMatchesPyTorchOnTheReferenceClip() throws IOException {
        // Given the reference clip whose per-frame PyTorch logits make_test_model.py stored
        JsonNode reference = new ObjectMapper().readTree(TestModel.folder().resolve("reference.json").toFile());
        int frames = reference.get("frames").asInt();
        byte[][] clip = new byte[frames][TestModel.SIZE * TestModel.SIZE * 3];
        for (int t = 0; t < frames; t++) {
            for (int y = 0; y < TestModel.SIZE; y++) {
                for (int x = 0; x < TestModel.SIZE; x++) {
                    for (int c = 0; c < 3; c++) {
                        clip[t][(y * TestModel.SIZE + x) * 3 + c] = (byte) ((7 * x + 13 * y + 29 * t + 31 * c) % 256);
                    }
                }
            }
        }

        // When it runs frame by frame through ONNX Runtime
        List<float[]> logits = run(clip, 1);

        // Then every frame's logits match PyTorch's within 1e-4 (relative to the logit scale)
        for (int t = 0; t < frames; t++) {
            JsonNode row = reference.get("logits").get(t);
            float[] expected = new float[row.size()];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = (float) row.get(c).asDouble();
            }
            double scale = Math.max(1.0, TestModel.maxAbs(expected));
            assertThat(TestModel.maxAbsDiff(logits.get(t), expected) / scale).as("frame %d", t)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** Runs the clip from a fresh session in chunks of {@code chunk}; returns each chunk's logits. */
    private static List<float[]> run(byte[][] clip, int chunk) {
        SessionState state = model.stateCodec().newState();
        FrameBlock block = model.newFrameBlock(chunk);
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < clip.length; start += chunk) {
            TestModel.fill(block, clip, start, Math.min(chunk, clip.length - start));
            out.add(predictor.step(state, block));
        }
        return out;
    }
}
