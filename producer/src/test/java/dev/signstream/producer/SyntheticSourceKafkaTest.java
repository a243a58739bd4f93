package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.media.RgbFrame;
import dev.signstream.producer.ChunkReader.Received;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.schemas.KafkaSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The synthetic signer's live sessions through the producer into the embedded broker. */
@WithKafka
class SyntheticSourceKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void syntheticSessionsArriveLiveWithTheirGroundTruthInHeaders(KafkaStack stack) throws Exception {
        // Given two synthetic sessions that each sign one sentence and end
        KafkaSettings kafka = FileSourceKafkaTest.kafka(stack);
        ProduceSettings settings = ProduceSettings.defaults("synth").withSessions(2).withSentences(1).withSeed(11);
        long started = System.nanoTime();
        try (KafkaFrameProducer producer = KafkaFrameProducer.start(kafka,
                new KafkaFrameProducer.Options(2, Optional.of((short) 1), null),
                SourceSpec.parse("synthetic"), settings)) {
            assertThat(producer.awaitEnd(Duration.ofSeconds(90))).isTrue();
            assertThat(producer.failure()).isNull();
            assertThat(producer.stats().snapshot().framesDropped()).isZero();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, List<Received>> bySession = ChunkReader.readUntilLast(stack, kafka.topics(),
                Set.of("synth-0000", "synth-0001"), Duration.ofSeconds(60));

        for (String session : List.of("synth-0000", "synth-0001")) {
            List<Received> chunks = bySession.get(session);
            // Then frames come at exactly 15 fps of capture time, contiguous, ending with last ...
            List<Long> times = FileSourceKafkaTest.assertContiguousAndTimed(chunks);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).isCloseTo(66_667L, Offset.offset(1L));
            }
            // ... in real time: a session of n frames took at least n/15 s to produce
            assertThat(seconds).isGreaterThan((times.size() - 1) / 15.0);
            assertThat(chunks.get(0).chunk().getSource()).isEqualTo("synthetic");
            for (ByteBuffer data : chunks.get(0).chunk().getFrames()) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                RgbFrame frame = TestVideos.decodeJpeg(bytes);
                assertThat(frame.width()).isEqualTo(ProduceSettings.DEFAULT_SIZE);
            }
            assertTruthIsConsistent(session, chunks);
        }
    }

    /** Per-frame labels, sign ranges and the gloss sequence agree with each other and the sentence. */
    private static void assertTruthIsConsistent(String session, List<Received> chunks) throws Exception {
        List<String> announced = new ArrayList<>();
        JsonNode sentence = null;
        int signedFrames = 0;
        for (Received received : chunks) {
            Map<String, String> headers = received.headers();
            int frames = received.chunk().getFrames().size();
            if (frames == 0) {
                assertThat(received.chunk().getLast()).isTrue();
                continue;
            }
            List<Integer> labels = Arrays.stream(headers.get(ChunkHeaders.TRUTH_LABELS).split(","))
                    .map(Integer::parseInt).toList();
            assertThat(labels).as("labels of %s chunk %d", session, received.chunk().getSeq()).hasSize(frames);
            for (JsonNode sign : JSON.readTree(headers.get(ChunkHeaders.TRUTH_SIGNS))) {
                int from = sign.get("from").asInt();
                int to = sign.get("to").asInt();
                assertThat(from).isLessThan(to);
                assertThat(to).isLessThanOrEqualTo(frames);
                assertThat(labels.subList(from, to)).containsOnly(sign.get("label").asInt());
                assertThat(sign.get("start_us").asLong()).isLessThan(sign.get("end_us").asLong());
                // the sign's frames here lie within its whole extent
                long first = received.chunk().getCaptureTimesUs().get(from);
                assertThat(first).isBetween(sign.get("start_us").asLong(), sign.get("end_us").asLong() - 1);
                signedFrames += to - from;
            }
            String glosses = headers.get(ChunkHeaders.TRUTH_GLOSSES);
            if (!glosses.isEmpty()) {
                announced.addAll(List.of(glosses.split(" ")));
            }
            JsonNode sentences = JSON.readTree(headers.get(ChunkHeaders.TRUTH_SENTENCES));
            if (sentences.size() > 0) {
                sentence = sentences.get(0);
                assertThat(headers.get(ChunkHeaders.TRUTH_SENTENCE_ID)).isEqualTo(sentence.get("id").asText());
            }
        }
        assertThat(sentence).as("a sentence header in session %s", session).isNotNull();
        List<String> expected = new ArrayList<>();
        sentence.get("glosses").forEach(g -> expected.add(g.asText()));
        assertThat(announced).as("gloss sequence of %s", session).isEqualTo(expected);
        assertThat(signedFrames).as("frames inside signs").isPositive();
    }
}
