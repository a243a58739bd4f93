package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.synth.lexicon.Sentences;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three ways a session ends (its last chunk, an empty last chunk, the idle timeout), through
 * the real topology on an in-memory registry: each leaves the same thing behind, a
 * {@code SESSION_END} after the words, no model state, and an end marker that turns replayed
 * chunks into duplicates.
 */
class SessionEndsTest {

    private static final SessionRules QUICK_IDLE = SessionRules.defaults().withIdleTimeout(Duration.ofSeconds(10))
            .withPunctuateInterval(Duration.ofSeconds(1));

    private static StreamModel model;
    private static RenderedSession session;

    @BeforeAll
    static void loadModelAndRenderASession() {
        model = ProcessorFixture.load(ProcessorFixture.RANDOM_MODEL);
        session = SyntheticChunks.testSession("ends-0", 0, List.of(Sentences.standard().all().get(0).id()), 64, 8,
                FrameEncoding.JPEG);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void theLastChunkEndsTheSession() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> out = d.run(session.chunks());

            assertThat(out).isNotEmpty();
            WordEvent end = out.get(out.size() - 1);
            assertThat(end.getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(end.getWordIndex()).isEqualTo(out.size() - 1);
            assertThat(out.subList(0, out.size() - 1)).allMatch(w -> w.getType() == WordEventType.WORD);
            assertEndedAt(d, session.chunks().size() - 1);
            assertThat(d.counts().sessionsEnded()).isEqualTo(1.0);
        }
    }

    @Test
    void anEmptyLastChunkEndsTheSession() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            // Given a session whose source ended on a chunk boundary: its last chunk has no frames
            List<FrameChunk> chunks = new ArrayList<>(session.chunks().subList(0, 6));
            chunks.add(FrameChunk.newBuilder(chunks.get(5)).setSeq(6).setFrames(List.of())
                    .setCaptureTimesUs(List.of()).setLast(true).build());

            List<WordEvent> out = d.run(chunks);

            WordEvent end = out.get(out.size() - 1);
            assertThat(end.getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(end.getLastSeq()).isEqualTo(6);
            assertThat(end.getLastFrameTimeUs()).isEqualTo(chunks.get(5).getCaptureTimesUs().get(7));
            assertEndedAt(d, 6);
            assertThat(d.counts().chunks("rejected")).isZero();
            assertThat(d.counts().chunks("applied")).isEqualTo(7.0);
        }
    }

    @Test
    void anIdleSessionIsEndedByTheWallClockPunctuatorAndItsMarkerIsForgottenLater() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, QUICK_IDLE)) {
            // Given half a session whose camera then goes silent
            List<FrameChunk> half = session.chunks().subList(0, session.chunks().size() / 2);
            d.run(half);
            assertThat(d.states().get(session.sessionId())).isNotNull();

            // When the idle timeout passes on the wall clock
            d.driver().advanceWallClockTime(Duration.ofSeconds(12));

            // Then the session ends as if its last chunk had come
            List<WordEvent> after = d.words().readValuesToList();
            assertThat(after).isNotEmpty();
            assertThat(after.get(after.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(after.get(after.size() - 1).getLastFrameTimeUs())
                    .isEqualTo(half.get(half.size() - 1).getCaptureTimesUs().get(7));
            assertEndedAt(d, half.size() - 1);
            assertThat(d.counts().sessionsEndedIdle()).isEqualTo(1.0);
            assertThat(d.counts().sessionsEnded()).isZero();

            // and once the end marker's retention passes, the session leaves the activity store too
            d.driver().advanceWallClockTime(SessionRules.defaults().endedRetention().plusSeconds(2));
            assertThat(d.activity().get(session.sessionId())).isNull();
        }
    }

    @Test
    void aSessionRestoredAfterAnOutageGetsItsWholeIdleTimeoutFromTheTaskStart() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, QUICK_IDLE)) {
            // Given a session whose last chunk was applied 10 minutes before this task started
            // (its activity record restored from the changelog after a processor outage)
            d.run(session.chunks().subList(0, 3));
            SessionActivity restored = d.activity().get(session.sessionId());
            restored.setLastActivityMs(restored.getLastActivityMs() - Duration.ofMinutes(10).toMillis());
            d.activity().put(session.sessionId(), restored);
            TestOutputTopic<String, WordEvent> words = d.words();

            // When the punctuator runs before the idle timeout has passed since the task started
            d.driver().advanceWallClockTime(Duration.ofSeconds(5));

            // Then the session is still open (its backlog may still wait in the topic)
            assertThat(words.readValuesToList()).isEmpty();
            assertThat(d.states().get(session.sessionId())).isNotNull();

            // and it ends once the whole timeout has passed here with no chunk
            d.driver().advanceWallClockTime(Duration.ofSeconds(6));
            List<WordEvent> after = words.readValuesToList();
            assertThat(after).isNotEmpty();
            assertThat(after.get(after.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
        }
    }

    /** No model state, an end marker at the last seq, and the session's chunks replayed are duplicates. */
    private static void assertEndedAt(ProcessorFixture.Driver d, long lastSeq) {
        assertThat(d.states().get(session.sessionId())).isNull();
        SessionActivity marker = d.activity().get(session.sessionId());
        assertThat(marker.getEnded()).isTrue();
        assertThat(marker.getLastSeq()).isEqualTo(lastSeq);
        double duplicates = d.counts().chunks("duplicate");
        List<FrameChunk> replay = session.chunks().subList(0, (int) lastSeq);
        assertThat(d.run(replay)).isEmpty();
        assertThat(d.counts().chunks("duplicate")).isEqualTo(duplicates + replay.size());
    }
}
