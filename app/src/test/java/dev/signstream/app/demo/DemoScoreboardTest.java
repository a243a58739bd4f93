package dev.signstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The demo's latencies are the ones docs/latency.md defines, from the records as the roles write
 * them: sign end (the producer's truth) to word (the processor's emission), sign end to final
 * caption (the sink's emission of the final sentence), decision (the frame that decided a word) to
 * word; and the JSON summary carries them under those names.
 */
@WithKafka
class DemoScoreboardTest {


    @Test
    void eachLatencyIsMeasuredFromWhereItsDefinitionSays(KafkaStack stack) throws Exception {
        // the session was captured 5 s ago; its final caption is read now
        final long tMs = System.currentTimeMillis() - 5_000;
        final long tUs = tMs * 1000;
        TopicNames names = TopicNames.withPrefix("scoreboard-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, 1, (short) 1), Duration.ofSeconds(30));
        }
        AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());
        Topics topics = Topics.create(names, serdes);
        StringWriter out = new StringWriter();
        try (DemoScoreboard scoreboard = new DemoScoreboard(Map.of("bootstrap.servers", stack.bootstrapServers()),
                     topics, new PrintWriter(out, true), true);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            scoreboard.start();

            // Given two signs (ending 0.6 s and 1.4 s in), their words decided at 0.7 s and 1.5 s and
            // emitted at 0.9 s and 1.65 s, and the final sentence (read as it arrives, about 5 s in)
            String signs = new ObjectMapper().writeValueAsString(List.of(
                    Map.of("word", 0, "gloss", "물", "start_us", tUs, "end_us", tUs + 600_000),
                    Map.of("word", 1, "gloss", "주세요", "start_us", tUs + 800_000, "end_us", tUs + 1_400_000)));
            ProducerRecord<String, byte[]> chunk = new ProducerRecord<>(names.frames(), "s",
                    serdes.valueSerde(FrameChunk.class).serializer().serialize(names.frames(), FrameChunk.newBuilder()
                            .setSessionId("s").setSeq(0).setCaptureTimesUs(List.of(tUs + 1_500_000)).setWidth(64)
                            .setHeight(64).setEncoding(FrameEncoding.JPEG).setFrames(List.of(java.nio.ByteBuffer.wrap(
                                    new byte[] {1}))).setFps(15f).build()));
            chunk.headers().add(ChunkHeaders.TRUTH_SIGNS, signs.getBytes(StandardCharsets.UTF_8));
            producer.send(chunk).get();
            var words = serdes.valueSerde(WordEvent.class).serializer();
            producer.send(new ProducerRecord<>(names.words(), "s", words.serialize(names.words(),
                    word(0, "물", tUs + 700_000, tMs + 900)))).get();
            producer.send(new ProducerRecord<>(names.words(), "s", words.serialize(names.words(),
                    word(1, "주세요", tUs + 1_500_000, tMs + 1_650)))).get();
            producer.send(new ProducerRecord<>(names.sentences(), null, tMs + 3_400, "s",
                    serdes.valueSerde(Sentence.class).serializer().serialize(names.sentences(), Sentence.newBuilder()
                            .setSessionId("s").setSentenceIndex(0).setWords(List.of("물", "주세요")).setText("물 좀 주세요.")
                            .setStartTimeUs(tUs + 100_000).setEndTimeUs(tUs + 1_500_000).setFinal$(true)
                            .setModelVersion("v1").build()))).get();

            // Then each figure is measured from where its definition says
            await().atMost(Duration.ofSeconds(30)).until(() -> scoreboard.summary().signEndToFinalCaption().samples() == 1
                    && scoreboard.summary().signEndToWord().samples() == 2);
            DemoSummary summary = scoreboard.summary();
            assertThat(summary.signEndToWord()).isEqualTo(new Latency("sign_end_to_word", 2, 250, 300));
            assertThat(summary.decisionToWord()).isEqualTo(new Latency("decision_to_word", 2, 150, 200));
            // the final caption counts from the sign end (1.4 s in) and from the decision (1.5 s in) to its reading
            long sinceSignEnd = summary.signEndToFinalCaption().p50Ms();
            assertThat(sinceSignEnd).isBetween(3_600L, 3_600L + 30_000);
            assertThat(summary.decisionToFinalCaption().p50Ms()).isEqualTo(sinceSignEnd - 100);
            assertThat(summary.json()).contains("\"sign_end_to_word_p50_ms\":250,\"sign_end_to_word_p99_ms\":300")
                    .contains("\"sign_end_to_final_caption_p50_ms\":" + sinceSignEnd)
                    .contains("\"decision_to_word_p50_ms\":150")
                    .contains("\"decision_to_final_caption_p50_ms\":" + (sinceSignEnd - 100));
            assertThat(out.toString()).contains("물 좀 주세요.").contains("ms after the sign ended");
        }
    }

    private static WordEvent word(int index, String gloss, long decisionUs, long emitMs) {
        return WordEvent.newBuilder().setSessionId("s").setType(WordEventType.WORD).setWordIndex(index)
                .setLabelId(index + 1).setGloss(gloss).setConfidence(0.9f).setTopK(List.of())
                .setFirstFrameTimeUs(decisionUs - 500_000).setLastFrameTimeUs(decisionUs)
                .setEmitTimeMs(Instant.ofEpochMilli(emitMs)).setModelName("m").setModelVersion("v1")
                .setFirstSeq(0).setLastSeq(1).build();
    }
}
