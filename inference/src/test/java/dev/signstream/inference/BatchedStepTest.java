package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.StreamBatcher;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** K sessions at different positions in one ONNX call give what K separate calls give. */
class BatchedStepTest {

    private static final double TOLERANCE = 1e-5;
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
    void threeSessionsAtDifferentPositionsInOneCallEqualSeparateCalls() {
        // Given three sessions that have seen 0, 4 and 13 frames of their own clips
        Random random = new Random(3);
        int[] history = {0, 4, 13};
        SessionState[] batched = new SessionState[3];
        SessionState[] separate = new SessionState[3];
        FrameBlock[] next = new FrameBlock[3];
        for (int i = 0; i < 3; i++) {
            byte[][] clip = TestModel.randomFrames(random, history[i] + 4);
            batched[i] = model.stateCodec().newState();
            separate[i] = model.stateCodec().newState();
            if (history[i] > 0) {
                FrameBlock past = TestModel.fill(model.newFrameBlock(history[i]), clip, 0, history[i]);
                predictor.step(batched[i], past);
                predictor.step(separate[i], past);
            }
            next[i] = TestModel.fill(model.newFrameBlock(4), clip, history[i], 4);
        }

        // When the next 4 frames of each run as one batched call, and as three single calls
        float[][] batchedLogits = new float[3][model.manifest().classes()];
        predictor.step(batched, next, 3, batchedLogits);
        float[][] separateLogits = new float[3][];
        for (int i = 0; i < 3; i++) {
            separateLogits[i] = predictor.step(separate[i], next[i]);
        }

        // Then logits and every state tensor agree, and the sessions really differ from each other
        for (int i = 0; i < 3; i++) {
            assertThat(TestModel.maxAbsDiff(batchedLogits[i], separateLogits[i])).as("logits %d", i)
                    .isLessThanOrEqualTo(TOLERANCE);
            assertThat(TestModel.maxAbsDiff(batched[i].tensors(), separate[i].tensors())).as("state %d", i)
                    .isLessThanOrEqualTo(TOLERANCE);
            assertThat(batched[i].modelFrameCount()).isEqualTo(history[i] + 4);
        }
        assertThat(TestModel.maxAbsDiff(batchedLogits[0], batchedLogits[1])).isGreaterThan(0.01);
    }

    @Test
    void batcherSharedByFourThreadsGivesEachThreadItsOwnResult() throws Exception {
        // Given four sessions with their own 5 chunks of 8 frames, and their results run one by one
        int sessions = 4;
        int chunks = 5;
        Random random = new Random(5);
        List<byte[][]> clips = new ArrayList<>();
        List<List<float[]>> expected = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            byte[][] clip = TestModel.randomFrames(random, 8 * chunks);
            clips.add(clip);
            SessionState state = model.stateCodec().newState();
            FrameBlock block = model.newFrameBlock(8);
            List<float[]> logits = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                logits.add(predictor.step(state, TestModel.fill(block, clip, 8 * c, 8)));
            }
            expected.add(logits);
        }

        // When four threads step their sessions at once through one batcher
        BatcherSettings settings = BatcherSettings.of(4).withMaxWait(Duration.ofMillis(20));
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        try (StreamBatcher batcher = StreamBatcher.start(model, settings)) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                byte[][] clip = clips.get(s);
                results.add(threads.submit(() -> {
                    SessionState state = model.stateCodec().newState();
                    FrameBlock block = model.newFrameBlock(8);
                    List<float[]> logits = new ArrayList<>();
                    for (int c = 0; c < chunks; c++) {
                        logits.add(batcher.step(state, TestModel.fill(block, clip, 8 * c, 8)));
                    }
                    return logits;
                }));
            }

            // Then every thread got its own session's logits, and calls were shared
            for (int s = 0; s < sessions; s++) {
                List<float[]> got = results.get(s).get();
                for (int c = 0; c < chunks; c++) {
                    assertThat(TestModel.maxAbsDiff(got.get(c), expected.get(s).get(c)))
                            .as("session %d chunk %d: %s vs %s", s, c, Arrays.toString(got.get(c)),
                                    Arrays.toString(expected.get(s).get(c)))
                            .isLessThanOrEqualTo(TOLERANCE);
                }
            }
            assertThat(batcher.steps()).isEqualTo((long) sessions * chunks);
            assertThat(batcher.calls()).as("steps shared ONNX calls").isLessThan(batcher.steps());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void chunksOfDifferentLengthsFromConcurrentThreadsEachGetTheirOwnResult() throws Exception {
        // Given a session stepped in chunks of 8 and another in chunks of 5, and their results one by one
        Random random = new Random(12);
        byte[][] clipA = TestModel.randomFrames(random, 24);
        byte[][] clipB = TestModel.randomFrames(random, 25);
        List<float[]> expectedA = sequential(clipA, 8);
        List<float[]> expectedB = sequential(clipB, 5);

        // When two threads step them at once through one batcher (they can never share a call)
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (StreamBatcher batcher = StreamBatcher.start(model, BatcherSettings.of(2).withMaxWait(Duration.ofMillis(5)))) {
            Future<List<float[]>> a = threads.submit(() -> through(batcher, clipA, 8));
            Future<List<float[]>> b = threads.submit(() -> through(batcher, clipB, 5));

            // Then each got exactly its own results, and no call mixed lengths
            assertSame(a.get(), expectedA);
            assertSame(b.get(), expectedB);
            assertThat(batcher.steps()).isEqualTo(3 + 5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClosedBatcherRefusesSteps() {
        StreamBatcher batcher = StreamBatcher.start(model, BatcherSettings.of(2));
        batcher.close();
        SessionState state = model.stateCodec().newState();
        FrameBlock block = TestModel.fill(model.newFrameBlock(1), TestModel.randomFrames(new Random(1), 1), 0, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batcher.step(state, block))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static List<float[]> sequential(byte[][] clip, int chunk) {
        SessionState state = model.stateCodec().newState();
        FrameBlock block = model.newFrameBlock(chunk);
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < clip.length; start += chunk) {
            out.add(predictor.step(state, TestModel.fill(block, clip, start, chunk)));
        }
        return out;
    }

    private static List<float[]> through(StreamBatcher batcher, byte[][] clip, int chunk) {
        SessionState state = model.stateCodec().newState();
        FrameBlock block = model.newFrameBlock(chunk);
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < clip.length; start += chunk) {
            out.add(batcher.step(state, TestModel.fill(block, clip, start, chunk)));
        }
        return out;
    }

    private static void assertSame(List<float[]> got, List<float[]> expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int c = 0; c < got.size(); c++) {
            assertThat(TestModel.maxAbsDiff(got.get(c), expected.get(c))).as("chunk %d", c).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
