package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.service.DeadLetterDeserializationHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor topology as a unit: the test driver, the real serdes on an in-memory registry (no
 * broker, no registry process) and the shipped, trained model. A session of an unseen signer comes
 * out as the words signed; the broker-backed tests (MalformedRecordsTest, FailoverTest,
 * ProcessorAccuracyTest) run the same topology on Kafka and the real registry.
 */
class ProcessorTopologyTest {

    private static StreamModel model;
    private static RenderedSession session;

    @BeforeAll
    static void loadTheShippedModelAndRenderASession() {
        model = ProcessorFixture.load(ProcessorFixture.SHIPPED_MODEL);
        // an unseen (test-split) signer: "hello, nice to meet you" then "I am sick, I go to hospital"
        session = SyntheticChunks.testSession("topology-0", 3, List.of("s01", "s05"), 64, 8, FrameEncoding.JPEG);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void aSessionsChunksBecomeTheWordsSignedAndItsLastChunkEndsIt() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> out = d.run(session.chunks());

            assertThat(session.glosses()).containsExactly("안녕하세요", "만나다", "반갑다", "나", "아프다", "병원", "가다");
            assertThat(glosses(out)).isEqualTo(session.glosses());
            WordEvent end = out.get(out.size() - 1);
            assertThat(end.getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(end.getWordIndex()).isEqualTo(session.glosses().size());
            assertThat(end.getLastSeq()).isEqualTo(session.chunks().size() - 1);
            assertThat(d.states().get(session.sessionId())).isNull();
            assertThat(d.activity().get(session.sessionId()).getEnded()).isTrue();
            assertThat(d.counts().chunks("applied")).isEqualTo(session.chunks().size());
            assertThat(d.counts().words()).isEqualTo(session.glosses().size());
        }
    }

    @Test
    void aDuplicateChunkIsDroppedAndTheWordsStayTheSame() throws Exception {
        // Given each chunk sent twice in a row (a producer retry)
        List<FrameChunk> twice = new ArrayList<>();
        session.chunks().forEach(chunk -> twice.addAll(List.of(chunk, chunk)));
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> out = d.run(twice);

            assertThat(glosses(out)).isEqualTo(session.glosses());
            assertThat(d.counts().chunks("duplicate")).isEqualTo(session.chunks().size());
            assertThat(d.counts().chunks("applied")).isEqualTo(session.chunks().size());
            assertThat(d.deadLetters().readValuesToList()).isEmpty();
        }
    }

    @Test
    void aTombstoneAndUndecodableFramesAreDeadLettersAndTheSessionGoesOn() throws Exception {
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            // Given a tombstone and a chunk whose JPEG frames are garbage, both of the session
            TestInputTopic<String, FrameChunk> frames = d.frames();
            FrameChunk first = session.chunks().get(0);
            frames.pipeInput(session.sessionId(), null, Instant.ofEpochSecond(1));
            frames.pipeInput(session.sessionId(), FrameChunk.newBuilder(first)
                    .setFrames(List.of(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})))
                    .setCaptureTimesUs(List.of(first.getCaptureTimesUs().get(0))).build(), Instant.ofEpochSecond(1));

            // When the session's chunks follow
            List<WordEvent> out = d.run(session.chunks());

            // Then both are dead letters with their stage and reason, and the session is untouched
            List<DeadLetter> letters = d.deadLetters().readValuesToList();
            assertThat(letters).extracting(DeadLetter::getStage)
                    .containsExactly(ChunkValidator.STAGE, SessionInferenceProcessor.DECODE_STAGE);
            assertThat(letters.get(0).getErrorMessage()).contains("tombstone (null value) for session 'topology-0'");
            assertThat(letters).allMatch(letter -> letter.getSourceTopic().equals(d.topics().frames().name()));
            assertThat(glosses(out)).isEqualTo(session.glosses());
            assertThat(d.counts().chunks("rejected")).isEqualTo(2.0);
        }
    }

    @Test
    void bytesThatAreNoRecordAreDeadLettersAndTheSessionGoesOn() throws Exception {
        // at least once: under exactly-once the test driver drops what the deserialization handler
        // sends for a record that never reaches the processor (ProcessorFixture.driver)
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults(),
                StateKeeping.DEFAULT_DECODED_STATE_BYTES, StreamsConfig.AT_LEAST_ONCE)) {
            TestInputTopic<String, byte[]> raw = d.driver().createInputTopic(d.topics().frames().name(),
                    d.topics().frames().keySerde().serializer(), new ByteArraySerializer());
            raw.pipeInput(session.sessionId(), "?garbage".getBytes(StandardCharsets.UTF_8));

            List<WordEvent> out = d.run(session.chunks());

            List<DeadLetter> letters = d.deadLetters().readValuesToList();
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).getStage()).isEqualTo(DeadLetterDeserializationHandler.STAGE);
            assertThat(letters.get(0).getErrorMessage())
                    .contains("not in the Confluent wire format (first byte 0x3f, expected 0)");
            assertThat(glosses(out)).isEqualTo(session.glosses());
        }
    }

    private static List<String> glosses(List<WordEvent> events) {
        return events.stream().filter(e -> e.getType() == WordEventType.WORD).map(WordEvent::getGloss).toList();
    }
}
