package dev.signstream.eval.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.eval.replay.ReplayFixtures;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Recordings land in a topic of their own, kept long, with the producer's chunk rules and truth headers. */
@WithKafka
class RecorderTest {

    private static String prefix() {
        return "record-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @Test
    void syntheticSessionsAreRecordedWithTruthHeadersIntoATopicKeptForever(KafkaStack stack) throws Exception {
        // Given two synthetic signers of one sentence each
        String prefix = prefix();
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        String topic = prefix + "recording";
        List<LabelledSession> sessions = LabelledSessions.synthetic(2, 1, 5, 112, 15, "syn");

        // When they are recorded
        RecordSummary summary;
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 2, (short) 1, Optional.empty(),
                FrameEncoding.JPEG, 3, 8, 2, "recorder-test"))) {
            summary = recorder.record(sessions, RecordProgress.NONE);
        }

        // Then the topic keeps them forever and takes 4 MiB chunks
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("max.message.bytes").value())
                    .isEqualTo(String.valueOf(TopicProvisioner.FRAMES_MAX_MESSAGE_BYTES));
        }
        // and every session is there: seq 0, 1, 2, ... with one last chunk at the end and truth on every chunk
        Map<String, List<ConsumerRecord<String, FrameChunk>>> bySession = readAll(settings, topic, summary.chunks());
        assertThat(bySession.keySet()).containsExactly("syn-0000", "syn-0001");
        long frames = 0;
        for (List<ConsumerRecord<String, FrameChunk>> chunks : bySession.values()) {
            StringBuilder glosses = new StringBuilder();
            String sentenceGlosses = null;
            for (int i = 0; i < chunks.size(); i++) {
                FrameChunk chunk = chunks.get(i).value();
                assertThat(chunk.getSeq()).isEqualTo(i);
                assertThat(chunk.getLast()).isEqualTo(i == chunks.size() - 1);
                assertThat(chunk.getEncoding()).isEqualTo(FrameEncoding.JPEG);
                assertThat(chunk.getFrames()).isNotEmpty();
                frames += chunk.getFrames().size();
                assertThat(header(chunks.get(i), ChunkHeaders.TRUTH_LABELS).split(","))
                        .hasSize(chunk.getFrames().size());
                String started = header(chunks.get(i), ChunkHeaders.TRUTH_GLOSSES);
                if (!started.isEmpty()) {
                    glosses.append(glosses.length() == 0 ? "" : " ").append(started);
                }
                String sentences = header(chunks.get(i), ChunkHeaders.TRUTH_SENTENCES);
                if (sentences.contains("glosses")) {
                    sentenceGlosses = sentences;
                }
            }
            // the glosses announced chunk by chunk are the sentence's
            assertThat(sentenceGlosses).isNotNull();
            for (String gloss : glosses.toString().split(" ")) {
                assertThat(sentenceGlosses).contains("\"" + gloss + "\"");
            }
        }
        assertThat(frames).isEqualTo(summary.frames());
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.videoSeconds()).isCloseTo(frames / 15.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void anExistingTopicThatKeepsRecordsOnlyBrieflyIsRefused(KafkaStack stack) throws Exception {
        String prefix = prefix();
        String topic = prefix + "frames";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("retention.ms", String.valueOf(Duration.ofHours(1).toMillis())))), Duration.ofSeconds(30));
        }
        assertThatThrownBy(() -> Recorder.open(ReplayFixtures.settings(stack, prefix), new RecordSettings(topic, 1,
                (short) 1, Optional.of(Duration.ofDays(30)), FrameEncoding.JPEG, 3, 8, 1, "recorder-test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps records only PT1H");
    }

    @Test
    void settingsThatCannotMakeAUsefulRecordingAreRefused() {
        assertThatThrownBy(() -> new RecordSettings("t", 1, (short) 1, Optional.of(Duration.ofHours(2)),
                FrameEncoding.JPEG, 3, 8, 1, "p")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("under a day");
        assertThatThrownBy(() -> new RecordSettings("t", 1, (short) 1, Optional.empty(), FrameEncoding.UNKNOWN, 3, 8,
                1, "p")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encoding must be");
        assertThatThrownBy(() -> LabelledSessions.synthetic(0, 1, 1, 112, 15, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synthetic sessions must be");
    }

    @Test
    void corpusClipsBecomeSessionIdsThatNameTheirFile() {
        assertThat(LabelledSessions.sessionId("rec", "test/<idle>/test-s0003-idle-000.mp4"))
                .isEqualTo("rec:test:_idle_:test-s0003-idle-000");
        assertThat(LabelledSessions.sessionId("rec", "test/병원/test-s0012-병원-003.mp4"))
                .isEqualTo("rec:test:병원:test-s0012-병원-003");
    }

    private static Map<String, List<ConsumerRecord<String, FrameChunk>>> readAll(KafkaSettings settings, String topic,
                                                                                 long expected) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put("enable.auto.commit", false);
        Map<String, List<ConsumerRecord<String, FrameChunk>>> bySession = new LinkedHashMap<>();
        try (KafkaConsumer<String, FrameChunk> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerdes(settings.registryUrl(), Map.of()).valueSerde(FrameChunk.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, FrameChunk> record : consumer.poll(Duration.ofMillis(200))) {
                    bySession.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                    read++;
                }
            }
            assertThat(read).isEqualTo(expected);
        }
        // partition order, not sorted: one session's chunks must arrive in seq order
        return new TreeMap<>(bySession);
    }

    private static String header(ConsumerRecord<String, FrameChunk> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as(name + " on chunk " + record.value().getSeq()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
