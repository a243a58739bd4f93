package dev.signstream.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.record.LabelledSessions;
import dev.signstream.eval.record.RecordProgress;
import dev.signstream.eval.record.RecordSettings;
import dev.signstream.eval.record.Recorder;
import dev.signstream.eval.report.BrowserCheck;
import dev.signstream.eval.report.ReportWriter;
import dev.signstream.eval.scoring.SessionTruth;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.media.JpegEncoder;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.avro.FrameChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two models compared on one recorded topic in one run: both are scored, live topics and groups are
 * not touched, the replay leaves no topic or group behind, and the report is complete. The recording
 * also holds records no recorder writes (tombstones, a null key, an empty value, text, an unknown
 * schema id, truncated Avro, a session without truth headers): each is reported with its reason and
 * the rest is scored.
 */
@WithKafka
class ReplayEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String prefix;
    private static int clips;
    private static ReplayReport report;
    private static Path html;
    private static final Map<Integer, Long> PROGRESS = new ConcurrentHashMap<>();
    /** Records of the recording no recorder wrote, by offset key, with what their dead letter must say. */
    private static final Map<String, String> POISON = new TreeMap<>();
    private static final String UNLABELLED = "unlabelled-session";

    @BeforeAll
    static void recordAndReplayWithTwoModels(KafkaStack stack) throws Exception {
        clips = ReplayFixtures.writeCorpus(dir.resolve("corpus"));
        Path eager = ReplayFixtures.model(dir.resolve("eager"), Map.of("min_confidence", 0.3));
        Path careful = ReplayFixtures.model(dir.resolve("careful"), Map.of("min_confidence", 0.6));
        prefix = "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        // the live topics exist, as on a running cluster
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(TopicNames.withPrefix(prefix), 2),
                    Duration.ofSeconds(30));
        }
        String topic = prefix + "recordings.test";
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 3, (short) 1, Optional.empty(),
                FrameEncoding.JPEG, 3, 8, 2, "replay-test"))) {
            recorder.record(LabelledSessions.corpus(Corpus.read(dir.resolve("corpus")), "test", 64, "rec"),
                    RecordProgress.NONE);
        }
        POISON.putAll(appendPoison(stack, topic));
        report = ReplayEvaluation.run(settings, ReplayOptions.of(topic, Optional.empty(), List.of(eager, careful))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1)), new ReplayProgress() {
                    @Override
                    public void modelStarted(int index, String model, long records) {
                        PROGRESS.put(index, 0L);
                    }

                    @Override
                    public void processed(int index, long records) {
                        PROGRESS.merge(index, records, Math::max);
                    }

                    @Override
                    public void modelDone(int index) {
                    }
                });
        html = ReportWriter.write(report, dir.resolve("report"));
    }

    @Test
    void bothModelsAreScoredOnTheSameRecordingInOneRun() throws Exception {
        List<SessionRecord> labelled = report.recording().sessions().stream()
                .filter(s -> !s.sessionId().equals(UNLABELLED)).toList();
        assertThat(labelled).hasSize(clips);
        assertThat(labelled).allMatch(SessionRecord::scored);
        assertThat(labelled).extracting(s -> s.truth().orElseThrow().kind())
                .contains(SessionTruth.Kind.SIGN, SessionTruth.Kind.IDLE, SessionTruth.Kind.SENTENCE);
        assertThat(report.models()).hasSize(2);
        for (ModelResult model : report.models()) {
            assertThat(model.sessions()).hasSize(clips);
            assertThat(model.deadLetters()).hasSize(POISON.size());
            assertThat(model.throughput().frames()).isEqualTo(report.recording().frames());
            assertThat(model.throughput().realTimeFactor()).isPositive();
        }
        assertThat(PROGRESS).containsEntry(0, report.recording().range().records())
                .containsEntry(1, report.recording().range().records());
        // the stricter decoder emits no more words than the eager one
        assertThat(words(report.models().get(1))).isLessThanOrEqualTo(words(report.models().get(0)));

        JsonNode summary = JSON.readTree(ReportWriter.summaryLine(report));
        assertThat(summary.get("models")).hasSize(2);
        for (JsonNode model : summary.get("models")) {
            assertThat(model.fieldNames()).toIterable().contains("clips", "top1", "top5", "macro_f1", "wer",
                    "frames_per_s", "x_realtime", "model", "version");
            assertThat(model.get("clips").asLong()).isEqualTo(report.models().get(0).score().isolatedClips());
        }
    }

    @Test
    void liveTopicsAndGroupsAreUntouchedAndTheReplayLeavesNothingBehind(KafkaStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            String liveWords = prefix + "words";
            Map<TopicPartition, OffsetSpec> ends = Map.of(new TopicPartition(liveWords, 0), OffsetSpec.latest(),
                    new TopicPartition(liveWords, 1), OffsetSpec.latest());
            for (ListOffsetsResult.ListOffsetsResultInfo end : admin.listOffsets(ends).all().get().values()) {
                assertThat(end.offset()).as("records in the live words topic").isZero();
            }
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).as("topics of run %s", report.runId()).noneMatch(t -> t.contains(report.runId()));
            assertThat(admin.listConsumerGroups().all().get()).extracting(ConsumerGroupListing::groupId)
                    .noneMatch(g -> g.contains(report.runId()));
        }
    }

    @Test
    void theReportFolderHoldsEveryFigureAndEverySession() throws Exception {
        JsonNode json = JSON.readTree(dir.resolve("report").resolve(ReportWriter.JSON_FILE).toFile());
        assertThat(json.get("topic").asText()).isEqualTo(report.recording().range().topic());
        assertThat(json.get("recording").get("sessions").asInt()).isEqualTo(clips + 1);
        assertThat(json.get("models")).hasSize(2);
        for (JsonNode model : json.get("models")) {
            assertThat(model.get("sessions")).hasSize(clips);
            assertThat(model.fieldNames()).toIterable().contains("isolated", "sentences", "delay_ms", "throughput",
                    "confusion", "dead_letters");
            for (JsonNode label : model.get("confusion").get("labels")) {
                assertThat(ReplayFixtures.LABELS).contains(label.asText());
            }
        }
        assertThat(dir.resolve("report").resolve("confusion-m0.png")).isNotEmptyFile();
        assertThat(dir.resolve("report").resolve("confusion-m1.png")).isNotEmptyFile();
    }

    @Test
    void theReportOpensInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        Optional<Path> chromium = BrowserCheck.chromium();
        assumeTrue(chromium.isPresent(), "Chromium not found ($CHROMIUM, or chromium / chromium-browser on the PATH)");
        BrowserCheck.Result page = BrowserCheck.open(chromium.get(), html, dir.resolve("browser"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.images()).isGreaterThanOrEqualTo(2);
        assertThat(page.imagesLoaded()).isEqualTo(page.images());
        assertThat(page.heading()).contains(report.recording().range().topic());
        assertThat(page.screenshot()).isNotEmptyFile();
    }

    @Test
    void recordsTheReplayCannotUseAreDeadLettersWithTheirReasonAndTheRestIsScored() {
        // the scan before any model runs names each one
        assertThat(report.recording().unreadable()).isEqualTo(POISON.size());
        assertThat(report.recording().unreadableReasons()).hasSize(POISON.size());
        for (String reason : POISON.values()) {
            assertThat(report.recording().unreadableReasons()).anyMatch(r -> r.contains(reason.substring(
                    reason.indexOf(": ") + 2)));
        }
        // each model's processor dead-letters them with stage and reason, and goes on
        for (ModelResult model : report.models()) {
            Map<String, String> letters = new TreeMap<>();
            model.deadLetters().forEach(d -> letters.put(d.partition() + "@" + d.offset(), d.stage() + ": " + d.reason()));
            assertThat(letters.keySet()).isEqualTo(POISON.keySet());
            letters.forEach((where, reason) -> {
                String[] stageAndReason = POISON.get(where).split(": ", 2);
                assertThat(reason).as(where).startsWith(stageAndReason[0] + ": ").contains(stageAndReason[1]);
            });
        }
        // a session without truth headers is replayed and counted, but has nothing to be scored against
        SessionRecord unlabelled = report.recording().sessions().stream()
                .filter(s -> s.sessionId().equals(UNLABELLED)).findFirst().orElseThrow();
        assertThat(unlabelled.truth()).isEmpty();
        assertThat(unlabelled.scored()).isFalse();
        assertThat(unlabelled.frames()).isEqualTo(16);
    }

    /**
     * Appends what other clients send by mistake: a tombstone, a chunk without a key, an empty value,
     * text, an unknown schema id, truncated Avro; and a session without the truth headers.
     *
     * @return partition@offset of each bad record -> "stage: reason" its dead letter must contain
     */
    private static Map<String, String> appendPoison(KafkaStack stack, String topic) throws Exception {
        Serializer<FrameChunk> chunks = new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(FrameChunk.class)
                .serializer();
        byte[] frame;
        try (JpegEncoder jpeg = new JpegEncoder(64, 64, JpegEncoder.DEFAULT_QSCALE)) {
            frame = jpeg.encode(new byte[64 * 64 * 3]);
        }
        byte[][] unlabelled = new byte[2][];
        for (int seq = 0; seq < 2; seq++) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                times.add(1_700_000_000_000_000L + (seq * 8L + i) * 66_666L);
            }
            unlabelled[seq] = chunks.serialize(topic, FrameChunk.newBuilder().setSessionId(UNLABELLED).setSeq(seq)
                    .setCaptureTimesUs(times).setWidth(64).setHeight(64).setEncoding(FrameEncoding.JPEG)
                    .setFrames(java.util.Collections.nCopies(8, java.nio.ByteBuffer.wrap(frame))).setFps(15f)
                    .setLast(seq == 1).setSource("other-client").setProducerId("test").build());
        }
        Map<String, String> expected = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            poison(raw, topic, "bad-tombstone", null, "validate: tombstone (null value)", expected);
            poison(raw, topic, null, unlabelled[0], "validate: the record has no key", expected);
            poison(raw, topic, "bad-empty", new byte[0], "deserialize: empty value", expected);
            poison(raw, topic, "bad-text", "?text".getBytes(StandardCharsets.UTF_8),
                    "deserialize: not in the Confluent wire format (first byte 0x3f, expected 0)", expected);
            poison(raw, topic, "bad-id", new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2},
                    "deserialize: schema id 999999 unknown to the registry", expected);
            poison(raw, topic, "bad-cut", Arrays.copyOf(unlabelled[1], unlabelled[1].length / 2),
                    "deserialize: Avro record truncated", expected);
            for (byte[] chunk : unlabelled) {
                raw.send(new ProducerRecord<>(topic, UNLABELLED.getBytes(StandardCharsets.UTF_8), chunk)).get();
            }
        }
        return expected;
    }

    private static void poison(KafkaProducer<byte[], byte[]> raw, String topic, String key, byte[] value, String letter,
                               Map<String, String> expected) throws Exception {
        var sent = raw.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value)).get();
        expected.put(sent.partition() + "@" + sent.offset(), letter);
    }

    private static long words(ModelResult model) {
        return model.sessions().stream().mapToLong(s -> s.hypothesis().size()).sum();
    }
}
