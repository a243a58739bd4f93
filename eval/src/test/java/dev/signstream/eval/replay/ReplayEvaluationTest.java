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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two models compared on one recorded topic in one run: both are scored, live topics and groups are
 * not touched, the replay leaves no topic or group behind, and the report is complete.
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
        assertThat(report.recording().sessions()).hasSize(clips);
        assertThat(report.recording().sessions()).allMatch(SessionRecord::scored);
        assertThat(report.recording().sessions()).extracting(s -> s.truth().orElseThrow().kind())
                .contains(SessionTruth.Kind.SIGN, SessionTruth.Kind.IDLE, SessionTruth.Kind.SENTENCE);
        assertThat(report.models()).hasSize(2);
        for (ModelResult model : report.models()) {
            assertThat(model.sessions()).hasSize(clips);
            assertThat(model.deadLetters()).isEmpty();
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
        assertThat(json.get("recording").get("sessions").asInt()).isEqualTo(clips);
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

    private static long words(ModelResult model) {
        return model.sessions().stream().mapToLong(s -> s.hypothesis().size()).sum();
    }
}
