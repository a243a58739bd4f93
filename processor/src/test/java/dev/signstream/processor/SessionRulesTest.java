package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.synth.lexicon.Sentences;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session rules through the real topology (TopologyTestDriver, the real serdes on an in-memory
 * registry): duplicates, replays, gaps, record timestamps and refused chunks. The random-weight
 * model: its words mean nothing, only that they are the same.
 */
class SessionRulesTest {

    private static StreamModel model;
    private static RenderedSession session;

    @BeforeAll
    static void loadModelAndRenderASession() {
        model = ProcessorFixture.load(ProcessorFixture.RANDOM_MODEL);
        session = SyntheticChunks.testSession("rules-0", 0, List.of(Sentences.standard().all().get(0).id()), 64, 8,
                FrameEncoding.JPEG);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void wordRecordsAreStampedWhenEmittedSoAnOldRecordingsWordsOutliveTheTopicsRetention() throws Exception {
        long before = System.currentTimeMillis(); // the driver's wall clock starts at its creation
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            // Given a session captured in 2023 (a replayed recording), its chunks stamped then
            TestInputTopic<String, FrameChunk> frames = d.frames();
            for (FrameChunk chunk : session.chunks()) {
                frames.pipeInput(chunk.getSessionId(), chunk, Instant.ofEpochMilli(chunk.getCaptureTimesUs().get(0) / 1000));
            }

            // Then its words carry the capture times in their fields but today's time as record
            // timestamp (retention counts from the record timestamp)
            List<TestRecord<String, WordEvent>> out = d.words().readRecordsToList();
            assertThat(out).isNotEmpty();
            for (var record : out) {
                assertThat(record.getValue().getLastFrameTimeUs() / 1000).isLessThan(before - Duration.ofDays(365).toMillis());
                assertThat(record.getRecordTime().toEpochMilli()).isGreaterThanOrEqualTo(before)
                        .isEqualTo(record.getValue().getEmitTimeMs().toEpochMilli());
            }
        }
    }

    @Test
    void duplicatedAndReplayedChunksDoNotChangeTheWords() throws Exception {
        List<WordEvent> clean;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            clean = d.run(session.chunks());
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
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> replayed = d.run(noisy);

            assertThat(glossesAndTypes(replayed)).isEqualTo(glossesAndTypes(clean));
            assertThat(d.counts().chunks("duplicate")).isEqualTo(noisy.size() - chunks.size());
            assertThat(d.counts().chunks("applied")).isEqualTo(chunks.size());
        }
    }

    @Test
    void duplicatesAndReplaysOfEndedSessionsAreDecidedBeforeAnyFrameIsDecoded() throws Exception {
        List<WordEvent> clean;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            clean = d.run(session.chunks());
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
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> out = d.run(withBadReplays);

            // Then they are duplicates, not dead letters, and the words are those of the clean run
            assertThat(glossesAndTypes(out)).isEqualTo(glossesAndTypes(clean));
            assertThat(d.deadLetters().readValuesToList()).isEmpty();
            ProcessorCounts counts = d.counts();
            assertThat(counts.chunks("duplicate")).isEqualTo(withBadReplays.size() - chunks.size());
            assertThat(counts.chunks("rejected")).isZero();
            assertThat(counts.timedChunks("duplicate")).isEqualTo(withBadReplays.size() - chunks.size());
            assertThat(counts.timedChunks("applied")).isEqualTo(chunks.size());
        }
    }

    @Test
    void gapsAreAppliedAndCounted() throws Exception {
        List<FrameChunk> withGaps = new ArrayList<>(session.chunks());
        withGaps.remove(7);
        withGaps.remove(3);
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> out = d.run(withGaps);

            assertThat(d.counts().gapChunks()).isEqualTo(2.0);
            assertThat(d.counts().chunks("applied")).isEqualTo(withGaps.size());
            assertThat(out.get(out.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
        }
    }

    @Test
    void badPayloadsAndWrongSizesBecomeDeadLettersAndProcessingGoesOn() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            FrameChunk good = session.chunks().get(0);
            FrameChunk badJpeg = FrameChunk.newBuilder(good).setSessionId("bad-1")
                    .setFrames(List.of(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})))
                    .setCaptureTimesUs(List.of(1L)).build();
            FrameChunk wrongSize = FrameChunk.newBuilder(good).setSessionId("bad-2").setWidth(112).setHeight(112).build();
            TestInputTopic<String, FrameChunk> frames = d.frames();
            frames.pipeInput("bad-1", badJpeg, Instant.ofEpochSecond(1));
            frames.pipeInput("bad-2", wrongSize, Instant.ofEpochSecond(1));
            frames.pipeInput(good.getSessionId(), good, Instant.ofEpochSecond(1));

            List<DeadLetter> letters = d.deadLetters().readValuesToList();
            assertThat(letters).hasSize(2);
            assertThat(letters.get(0).getStage()).isEqualTo(SessionInferenceProcessor.DECODE_STAGE);
            assertThat(letters.get(1).getStage()).isEqualTo(ChunkValidator.STAGE);
            assertThat(letters.get(1).getErrorMessage()).contains("112x112").contains("64x64");
            assertThat(d.counts().chunks("applied")).isEqualTo(1.0);
            assertThat(d.counts().chunks("rejected")).isEqualTo(2.0);
        }
    }

    /** The same chunk with its frames replaced by bytes no JPEG decoder reads. */
    private static FrameChunk undecodable(FrameChunk chunk) {
        List<ByteBuffer> garbage = new ArrayList<>();
        for (int i = 0; i < chunk.getFrames().size(); i++) {
            garbage.add(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 7, 7, 7}));
        }
        return FrameChunk.newBuilder(chunk).setFrames(garbage).build();
    }

    private static List<String> glossesAndTypes(List<WordEvent> events) {
        return events.stream().map(e -> e.getType() + ":" + e.getGloss() + ":" + e.getWordIndex()).toList();
    }
}
