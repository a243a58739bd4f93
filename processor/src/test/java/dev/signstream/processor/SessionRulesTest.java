package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Session rules through the real topology (TopologyTestDriver, real model, real registry). */
@WithKafka
class SessionRulesTest {

    private static StreamModel model;
    private static RenderedSession session;

    @BeforeAll
    static void loadModelAndRenderASession() {
        model = ProcessorFixture.load(ProcessorFixture.RANDOM_MODEL);
        session = SyntheticChunks.testSession("rules-0", 0, List.of(firstSentenceId()), 64, 8, FrameEncoding.JPEG);
    }

    private static String firstSentenceId() {
        return dev.signstream.synth.lexicon.Sentences.standard().all().get(0).id();
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void lastChunkEndsTheSessionAndItsStateLeavesTheStore(KafkaStack stack) throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            List<WordEvent> out = run(d, session.chunks());

            assertThat(out).isNotEmpty();
            WordEvent end = out.get(out.size() - 1);
            assertThat(end.getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(end.getWordIndex()).isEqualTo(out.size() - 1);
            assertThat(out.subList(0, out.size() - 1)).allMatch(w -> w.getType() == WordEventType.WORD);
            KeyValueStore<String, byte[]> states = d.driver().getKeyValueStore(ProcessorTopology.STATE_STORE);
            assertThat(states.get(session.sessionId())).isNull();
            assertThat(SessionActivity.fromBytes(activityStore(d).get(session.sessionId())).ended()).isTrue();
        }
    }

    @Test
    void wordRecordsAreStampedWhenEmittedSoAnOldRecordingsWordsOutliveTheTopicsRetention(KafkaStack stack)
            throws Exception {
        long before = System.currentTimeMillis(); // the driver's wall clock starts at its creation
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            // Given a session captured in 2023 (a replayed recording), its chunks stamped then
            TestInputTopic<String, FrameChunk> frames = framesTopic(d);
            for (FrameChunk chunk : session.chunks()) {
                frames.pipeInput(chunk.getSessionId(), chunk, Instant.ofEpochMilli(chunk.getCaptureTimesUs().get(0) / 1000));
            }

            // Then its words carry the capture times in their fields but today's time as record
            // timestamp (retention counts from the record timestamp)
            List<org.apache.kafka.streams.test.TestRecord<String, WordEvent>> out = wordsTopic(d).readRecordsToList();
            assertThat(out).isNotEmpty();
            for (var record : out) {
                assertThat(record.getValue().getLastFrameTimeUs() / 1000).isLessThan(before - Duration.ofDays(365).toMillis());
                assertThat(record.getRecordTime().toEpochMilli()).isGreaterThanOrEqualTo(before)
                        .isEqualTo(record.getValue().getEmitTimeMs().toEpochMilli());
            }
        }
    }

    @Test
    void anEmptyLastChunkEndsTheSession(KafkaStack stack) throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            // Given a session whose source ended on a chunk boundary: its last chunk has no frames
            List<FrameChunk> chunks = new ArrayList<>(session.chunks().subList(0, 6));
            FrameChunk emptyLast = FrameChunk.newBuilder(chunks.get(5)).setSeq(6).setFrames(List.of())
                    .setCaptureTimesUs(List.of()).setLast(true).build();
            chunks.add(emptyLast);

            List<WordEvent> out = run(d, chunks);

            assertThat(out.get(out.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(out.get(out.size() - 1).getLastSeq()).isEqualTo(6);
            KeyValueStore<String, byte[]> states = d.driver().getKeyValueStore(ProcessorTopology.STATE_STORE);
            assertThat(states.get(session.sessionId())).isNull();
            assertThat(d.inference().metrics().chunksRejected.count()).isZero();
        }
    }

    @Test
    void duplicatedAndReplayedChunksDoNotChangeTheWords(KafkaStack stack) throws Exception {
        List<WordEvent> clean;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            clean = run(d, session.chunks());
        }
        // Given every chunk sent twice, and earlier chunks replayed after later ones
        List<FrameChunk> noisy = new ArrayList<>();
        List<FrameChunk> chunks = session.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            noisy.add(chunks.get(i));
            noisy.add(chunks.get(i));
            if (i >= 3 && i % 4 == 0) {
                noisy.add(chunks.get(i - 3));
                noisy.add(chunks.get(i - 1));
            }
        }
        // and the whole session replayed once more after it ended
        noisy.addAll(chunks);
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            List<WordEvent> replayed = run(d, noisy);

            assertThat(glossesAndTypes(replayed)).isEqualTo(glossesAndTypes(clean));
            assertThat(d.inference().metrics().chunksDuplicate.count()).isEqualTo(noisy.size() - chunks.size());
            assertThat(d.inference().metrics().chunksApplied.count()).isEqualTo(chunks.size());
        }
    }

    @Test
    void duplicatesAndReplaysOfEndedSessionsAreDecidedBeforeAnyFrameIsDecoded(KafkaStack stack) throws Exception {
        List<WordEvent> clean;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            clean = run(d, session.chunks());
        }
        // Given copies of chunks already applied whose frames are not even JPEG any more: decoding
        // them would make them dead letters, so they must be recognised from the activity record alone
        List<FrameChunk> chunks = session.chunks();
        List<FrameChunk> withBadReplays = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            withBadReplays.add(chunks.get(i));
            if (i >= 2 && i % 3 == 0) {
                withBadReplays.add(undecodable(chunks.get(i - 1)));
            }
        }
        // and the whole session replayed, undecodable, after it ended
        chunks.forEach(c -> withBadReplays.add(undecodable(c)));
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            List<WordEvent> out = run(d, withBadReplays);

            // Then they are duplicates, not dead letters, and the words are those of the clean run
            assertThat(glossesAndTypes(out)).isEqualTo(glossesAndTypes(clean));
            assertThat(d.driver().createOutputTopic(d.topics().deadLetters().name(), Serdes.String().deserializer(),
                    d.topics().deadLetters().valueSerde().deserializer()).readValuesToList()).isEmpty();
            ProcessorMetrics metrics = d.inference().metrics();
            assertThat(metrics.chunksDuplicate.count()).isEqualTo(withBadReplays.size() - chunks.size());
            assertThat(metrics.chunksRejected.count()).isZero();
            assertThat(metrics.duplicateTime.count()).isEqualTo(withBadReplays.size() - chunks.size());
            assertThat(metrics.appliedTime.count()).isEqualTo(chunks.size());
        }
    }

    @Test
    void aSessionKeptDecodedGivesExactlyTheWordsOfOneRestoredFromTheStoreAtEveryChunk(KafkaStack stack)
            throws Exception {
        // Given the same session through a processor that restores it from the store at every chunk
        List<WordEvent> restoredEveryChunk;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults(), 0)) {
            restoredEveryChunk = run(d, session.chunks());
            assertThat(d.inference().metrics().stateFromMemory.count()).isZero();
            assertThat(d.inference().metrics().stateFromStore.count()).isEqualTo(session.chunks().size() - 1);
        }
        // When one keeps it decoded between chunks
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            List<WordEvent> kept = run(d, session.chunks());

            // Then it never reads the store, and every word, confidence and time is the same
            assertThat(d.inference().metrics().stateFromMemory.count()).isEqualTo(session.chunks().size() - 1);
            assertThat(d.inference().metrics().stateFromStore.count()).isZero();
            assertThat(exactly(kept)).isEqualTo(exactly(restoredEveryChunk)).isNotEmpty();
            assertThat(d.inference().memory().used()).as("the ended session left memory").isZero();
        }
    }

    @Test
    void gapsAreAppliedAndCounted(KafkaStack stack) throws Exception {
        List<FrameChunk> withGaps = new ArrayList<>(session.chunks());
        withGaps.remove(7);
        withGaps.remove(3);
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            List<WordEvent> out = run(d, withGaps);

            assertThat(d.inference().metrics().gapChunks.count()).isEqualTo(2.0);
            assertThat(d.inference().metrics().chunksApplied.count()).isEqualTo(withGaps.size());
            assertThat(out.get(out.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
        }
    }

    @Test
    void anIdleSessionIsEndedByTheWallClockPunctuatorAndLeavesTheStore(KafkaStack stack) throws Exception {
        SessionRules rules = SessionRules.defaults().withIdleTimeout(Duration.ofSeconds(10))
                .withPunctuateInterval(Duration.ofSeconds(1));
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, rules)) {
            // Given half a session whose camera then goes silent
            List<FrameChunk> half = session.chunks().subList(0, session.chunks().size() / 2);
            run(d, half);
            KeyValueStore<String, byte[]> states = d.driver().getKeyValueStore(ProcessorTopology.STATE_STORE);
            assertThat(states.get(session.sessionId())).isNotNull();
            TestOutputTopic<String, WordEvent> words = wordsTopic(d);
            words.readValuesToList();

            // When the idle timeout passes on the wall clock
            d.driver().advanceWallClockTime(Duration.ofSeconds(12));

            // Then the session ends: SESSION_END, no model state, an end marker
            List<WordEvent> after = words.readValuesToList();
            assertThat(after).isNotEmpty();
            assertThat(after.get(after.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(after.get(after.size() - 1).getLastFrameTimeUs())
                    .isEqualTo(half.get(half.size() - 1).getCaptureTimesUs().get(7));
            assertThat(states.get(session.sessionId())).isNull();
            assertThat(d.inference().metrics().sessionsIdleEvicted.count()).isEqualTo(1.0);

            // and once the end marker's retention passes, the session leaves the activity store too
            d.driver().advanceWallClockTime(SessionRules.defaults().endedRetention().plusSeconds(2));
            assertThat(activityStore(d).get(session.sessionId())).isNull();
        }
    }

    @Test
    void aSessionRestoredAfterAnOutageGetsItsWholeIdleTimeoutFromTheTaskStart(KafkaStack stack) throws Exception {
        SessionRules rules = SessionRules.defaults().withIdleTimeout(Duration.ofSeconds(10))
                .withPunctuateInterval(Duration.ofSeconds(1));
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, rules)) {
            // Given a session whose last chunk was applied 10 minutes before this task started
            // (its activity record restored from the changelog after a processor outage)
            run(d, session.chunks().subList(0, 3));
            KeyValueStore<String, byte[]> activity = activityStore(d);
            SessionActivity restored = SessionActivity.fromBytes(activity.get(session.sessionId()));
            activity.put(session.sessionId(), new SessionActivity(restored.lastSeq(), restored.lastCaptureUs(),
                    restored.lastActivityMs() - Duration.ofMinutes(10).toMillis(), false, restored.words()).toBytes());
            TestOutputTopic<String, WordEvent> words = wordsTopic(d);
            words.readValuesToList();

            // When the punctuator runs before the idle timeout has passed since the task started
            d.driver().advanceWallClockTime(Duration.ofSeconds(5));

            // Then the session is still open (its backlog may still wait in the topic)
            assertThat(words.readValuesToList()).isEmpty();
            assertThat(d.driver().getKeyValueStore(ProcessorTopology.STATE_STORE).get(session.sessionId())).isNotNull();

            // and it ends once the whole timeout has passed here with no chunk
            d.driver().advanceWallClockTime(Duration.ofSeconds(6));
            List<WordEvent> after = words.readValuesToList();
            assertThat(after).isNotEmpty();
            assertThat(after.get(after.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
        }
    }

    @Test
    void stateFromAnotherModelVersionIsRefusedAndTheSessionStartsFresh(KafkaStack stack) throws Exception {
        // no session kept decoded: the foreign state written into the store below is what the next
        // chunk reads (as after a restore from the changelog, which starts a task with none kept)
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults(), 0)) {
            run(d, session.chunks().subList(0, 3));
            KeyValueStore<String, byte[]> states = d.driver().getKeyValueStore(ProcessorTopology.STATE_STORE);
            byte[] stored = states.get(session.sessionId());
            byte[] foreign = withOtherModelVersion(stored, model.manifest().version());
            states.put(session.sessionId(), foreign);

            run(d, session.chunks().subList(3, 5));

            assertThat(d.inference().metrics().stateFromOtherModel.count()).isEqualTo(1.0);
            assertThat(d.inference().metrics().chunksApplied.count()).isEqualTo(5.0);
            assertThat(model.stateCodec().decode(states.get(session.sessionId())).restored()).isTrue();
        }
    }

    @Test
    void badPayloadsAndWrongSizesBecomeDeadLettersAndProcessingGoesOn(KafkaStack stack) throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(stack, model, SessionRules.defaults())) {
            FrameChunk good = session.chunks().get(0);
            FrameChunk badJpeg = FrameChunk.newBuilder(good).setSessionId("bad-1")
                    .setFrames(List.of(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})))
                    .setCaptureTimesUs(List.of(1L)).build();
            FrameChunk wrongSize = FrameChunk.newBuilder(good).setSessionId("bad-2").setWidth(112).setHeight(112).build();
            TestInputTopic<String, FrameChunk> frames = framesTopic(d);
            frames.pipeInput("bad-1", badJpeg, Instant.ofEpochSecond(1));
            frames.pipeInput("bad-2", wrongSize, Instant.ofEpochSecond(1));
            frames.pipeInput(good.getSessionId(), good, Instant.ofEpochSecond(1));

            List<DeadLetter> letters = d.driver().createOutputTopic(d.topics().deadLetters().name(),
                    Serdes.String().deserializer(), d.topics().deadLetters().valueSerde().deserializer()).readValuesToList();
            assertThat(letters).hasSize(2);
            assertThat(letters.get(0).getStage()).isEqualTo(SessionInferenceProcessor.DECODE_STAGE);
            assertThat(letters.get(1).getStage()).isEqualTo(ChunkValidator.STAGE);
            assertThat(letters.get(1).getErrorMessage()).contains("112x112").contains("64x64");
            assertThat(d.inference().metrics().chunksApplied.count()).isEqualTo(1.0);
        }
    }

    /**
     * The same state as if another model version had written it: the codec records the version as
     * 8 bytes (the 16 hex digits) after its 4-byte magic and format byte.
     */
    private static byte[] withOtherModelVersion(byte[] stored, String version) {
        byte[] copy = stored.clone();
        byte[] recorded = java.util.Arrays.copyOfRange(copy, 5, 13);
        assertThat(java.util.HexFormat.of().formatHex(recorded)).isEqualTo(version);
        copy[5] ^= 0x01;
        return copy;
    }

    private static List<WordEvent> run(ProcessorFixture.Driver d, List<FrameChunk> chunks) {
        TestInputTopic<String, FrameChunk> frames = framesTopic(d);
        for (FrameChunk chunk : chunks) {
            long timeUs = chunk.getCaptureTimesUs().isEmpty() ? SyntheticChunks.START_US : chunk.getCaptureTimesUs().get(0);
            frames.pipeInput(chunk.getSessionId(), chunk, Instant.ofEpochMilli(timeUs / 1000));
        }
        return wordsTopic(d).readValuesToList();
    }

    private static TestInputTopic<String, FrameChunk> framesTopic(ProcessorFixture.Driver d) {
        return d.driver().createInputTopic(d.topics().frames().name(), Serdes.String().serializer(),
                d.topics().frames().valueSerde().serializer());
    }

    private static TestOutputTopic<String, WordEvent> wordsTopic(ProcessorFixture.Driver d) {
        return d.driver().createOutputTopic(d.topics().words().name(), Serdes.String().deserializer(),
                d.topics().words().valueSerde().deserializer());
    }

    private static KeyValueStore<String, byte[]> activityStore(ProcessorFixture.Driver d) {
        return d.driver().getKeyValueStore(ProcessorTopology.ACTIVITY_STORE);
    }

    /** The same chunk with its frames replaced by bytes no JPEG decoder reads. */
    private static FrameChunk undecodable(FrameChunk chunk) {
        List<ByteBuffer> garbage = new ArrayList<>();
        for (int i = 0; i < chunk.getFrames().size(); i++) {
            garbage.add(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 7, 7, 7}));
        }
        return FrameChunk.newBuilder(chunk).setFrames(garbage).build();
    }

    /** Everything a word event says about the model's output, for exact comparison. */
    private static List<String> exactly(List<WordEvent> events) {
        return events.stream().map(e -> e.getType() + ":" + e.getGloss() + ":" + e.getWordIndex() + ":"
                + e.getConfidence() + ":" + e.getLastFrameTimeUs() + ":" + e.getTopK()).toList();
    }

    private static List<String> glossesAndTypes(List<WordEvent> events) {
        return events.stream().map(e -> e.getType() + ":" + e.getGloss() + ":" + e.getWordIndex()).toList();
    }
}
