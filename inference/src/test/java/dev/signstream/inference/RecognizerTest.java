package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.recognition.ChunkOutcome;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.SessionState;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunks through the real model: duplicates skipped, gaps counted, the model reset after a word. */
class RecognizerTest {

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
    void duplicateChunksChangeNothingAndGapsAreCounted() {
        Recognizer recognizer = new Recognizer(predictor, model.wordDecoder());
        SessionState state = model.stateCodec().newState();
        byte[][] clip = TestModel.randomFrames(new Random(4), 16);
        FrameBlock block = model.newFrameBlock(8);

        ChunkOutcome first = recognizer.accept(state, 0, TestModel.fill(block, clip, 0, 8));
        assertThat(first.duplicate()).isFalse();
        assertThat(first.logits()).hasSize(7);
        byte[] before = model.stateCodec().encode(state);

        // the same chunk again (a producer retry): skipped, state untouched
        ChunkOutcome again = recognizer.accept(state, 0, block);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.words()).isEmpty();
        assertThat(model.stateCodec().encode(state)).isEqualTo(before);

        // chunk 3 after chunk 0: two chunks missing
        ChunkOutcome gap = recognizer.accept(state, 3, TestModel.fill(block, clip, 8, 8));
        assertThat(gap.duplicate()).isFalse();
        assertThat(gap.gapChunks()).isEqualTo(2);
        assertThat(state.lastAppliedSeq()).isEqualTo(3);
        assertThat(state.framesSeen()).isEqualTo(16);
    }

    @Test
    void wordsNeverResetTheModelState() {
        // The random test model is confident in one class for almost any input, so words come quickly.
        Recognizer recognizer = new Recognizer(predictor, model.wordDecoder());
        SessionState state = model.stateCodec().newState();
        byte[][] clip = TestModel.randomFrames(new Random(8), 48);
        FrameBlock block = model.newFrameBlock(8);
        int words = 0;
        for (int c = 0; c < 6; c++) {
            ChunkOutcome outcome = recognizer.accept(state, c, TestModel.fill(block, clip, 8 * c, 8));
            words += outcome.words().size();
            outcome.words().forEach(w -> assertThat(w.lastFrameTimeUs()).isEqualTo(block.lastCaptureTimeUs()));
            assertThat(state.modelFrameCount()).as("the graph's frame count keeps counting").isEqualTo(8L * (c + 1));
        }
        assertThat(state.decoder().wordsEmitted()).isEqualTo(words);
        assertThat(state.framesSeen()).isEqualTo(48);
    }
}
