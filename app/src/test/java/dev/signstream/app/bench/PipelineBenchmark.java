package dev.signstream.app.bench;

import dev.signstream.app.demo.Demo;
import dev.signstream.app.demo.DemoSummary;
import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.inference.bench.RawOrtBaseline;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The processor through Kafka against raw ONNX Runtime, and how many live sessions the whole
 * platform sustains on this machine. Run:
 * {@code mvn -B -q -pl app -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.signstream.app.bench.PipelineBenchmark -Dexec.args="MODEL_DIR [live sessions...]"}
 * (a live count of 0 skips part 2; {@code -Dbench.recordedSeconds=N} sets part 1's backlog length,
 * {@code -Dbench.encoding=RAW_RGB24} records raw frames instead of JPEG)
 *
 * <p>Part 1 records {@value #RECORDED_SESSIONS} synthetic sessions of {@value #RECORDED_SECONDS} s into a
 * frames topic, then processes that backlog with a fresh application id per configuration (stream
 * threads x max batch) and times it from RUNNING to the last session's end; right after each run,
 * raw ONNX Runtime does the same job with the same threads and batch. Part 2 runs the demo (broker,
 * registry, processor, sink, synthetic cameras in this JVM) with N live sessions for
 * {@value #LIVE_SECONDS} s and reports drops, latency and changelog bytes.
 */
public final class PipelineBenchmark {

    static final int RECORDED_SESSIONS = 12;
    static final int RECORDED_SECONDS = Integer.getInteger("bench.recordedSeconds", 60);
    static final int LIVE_SECONDS = 60;
    private static final int CHUNK = 8;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "models/ksl-synth-small").toAbsolutePath();
        List<Integer> liveSessions = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            liveSessions.add(Integer.parseInt(args[i]));
        }
        if (liveSessions.isEmpty()) {
            liveSessions = List.of(25, 50, 100);
        }
        System.out.printf(Locale.ROOT, "model %s, %d cores, Java %s, load average %.2f at start%n", model,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());
        throughput(model);
        for (int sessions : liveSessions) {
            if (sessions > 0) { // "0" skips the live part
                live(model, sessions);
            }
        }
    }

    /** Part 1: backlog throughput through Kafka vs raw ONNX Runtime. */
    private static void throughput(Path model) throws Exception {
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start()) {
            TopicNames recorded = TopicNames.withPrefix("bench-rec.");
            KafkaSettings recordSettings = new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(), recorded);
            System.out.printf(Locale.ROOT, "recording %d synthetic sessions of %d s (%s frames)...%n", RECORDED_SESSIONS,
                    RECORDED_SECONDS, System.getProperty("bench.encoding", "JPEG"));
            long frames;
            try (KafkaFrameProducer producer = KafkaFrameProducer.start(recordSettings,
                    new KafkaFrameProducer.Options(4, Optional.of((short) 1), null), SourceSpec.parse("synthetic"),
                    ProduceSettings.builder("rec").sessions(RECORDED_SESSIONS).cameraThreads(2)
                            .encoding(FrameEncoding.valueOf(System.getProperty("bench.encoding", "JPEG"))).build())) {
                Thread.sleep(RECORDED_SECONDS * 1000L);
                producer.close();
                frames = producer.stats().snapshot().framesAcked();
            }
            System.out.println();
            System.out.println("| stream threads | max batch | processor frames/s (through Kafka) | raw ORT frames/s (1 thread, batch) "
                    + "| processor / raw | mean batch | load avg |");
            System.out.println("|---|---|---|---|---|---|---|");
            // the first row warms the JIT up (Kafka clients, Avro, the processor) and is not printed
            int[][] configs = {{1, 1}, {1, 1}, {2, 2}, {4, 1}, {4, 4}};
            for (int c = 0; c < configs.length; c++) {
                int threads = configs[c][0];
                int maxBatch = configs[c][1];
                String runPrefix = "bench-" + c + "-" + threads + "x" + maxBatch;
                TopicNames run = new TopicNames(recorded.frames(), runPrefix + ".words", runPrefix + ".sentences",
                        runPrefix + ".dlq");
                KafkaSettings settings = new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(), run);
                ProcessorOptions options = ProcessorOptions.defaults(model)
                        .withApplicationId("bench-" + UUID.randomUUID())
                        .withStreamThreads(threads)
                        .withBatching(BatcherSettings.of(maxBatch))
                        .withStateDir(Files.createTempDirectory("bench-state-"))
                        .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1));
                double seconds;
                long[] callsAndSteps;
                try (ProcessorService processor = ProcessorService.start(options, settings, new SimpleMeterRegistry())) {
                    processor.runner().awaitRunning(Duration.ofSeconds(60));
                    long t0 = System.nanoTime();
                    awaitSessionEnds(stack.bootstrapServers(), stack.registryUrl(), run, RECORDED_SESSIONS);
                    seconds = (System.nanoTime() - t0) / 1e9;
                    callsAndSteps = processor.callsAndSteps();
                }
                double processorFps = frames / seconds;
                if (c == 0) {
                    System.out.printf(Locale.ROOT, "(warm-up run: %.0f frames/s)%n", processorFps);
                    continue;
                }
                double rawFps = RawOrtBaseline.framesPerSecond(model, 1, maxBatch, CHUNK, 10);
                System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %.0f | **%.2f** | %.2f | %.1f |%n", threads, maxBatch,
                        processorFps, rawFps, processorFps / rawFps,
                        callsAndSteps[0] == 0 ? 0 : (double) callsAndSteps[1] / callsAndSteps[0], load());
            }
            System.out.printf(Locale.ROOT, "(%,d frames in %d sessions; processor timed from RUNNING to the last SESSION_END)%n",
                    frames, RECORDED_SESSIONS);
        }
    }

    private static void awaitSessionEnds(String bootstrap, String registry, TopicNames names, int sessions) {
        Topics topics = Topics.create(names, new AvroSerdes(registry, Map.of()));
        int ended = 0;
        try (KafkaConsumer<String, WordEvent> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "bench-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                Serdes.String().deserializer(), topics.words().valueSerde().deserializer())) {
            consumer.subscribe(Set.of(names.words()));
            while (ended < sessions) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value().getType() == WordEventType.SESSION_END) {
                        ended++;
                    }
                }
            }
        }
    }

    /** Part 2: N live sessions through every role on this machine. */
    private static void live(Path model, int sessions) throws Exception {
        System.out.printf(Locale.ROOT, "%nlive: %d synthetic sessions at 15 fps for %d s, every role in this JVM%n", sessions, LIVE_SECONDS);
        PrintWriter quiet = new PrintWriter(new StringWriter());
        long cpu0 = processCpuNanos();
        try (Demo demo = Demo.start(new Demo.Options(sessions, "synthetic", model, 0, 2, false), quiet)) {
            ProducerStats.Snapshot first = demo.cameraStats();
            long t0 = System.nanoTime();
            Thread.sleep(LIVE_SECONDS * 1000L);
            ProducerStats.Snapshot last = demo.cameraStats();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cores = (processCpuNanos() - cpu0) / 1e9 / seconds;
            long changelogBytes = changelogBytes(demo.bootstrapServers());
            DemoSummary summary = demo.finish(Duration.ofSeconds(30));
            double perSessionFps = last.framesPerSecondSince(first) / sessions;
            System.out.println("| sessions | captured fps per session | dropped frames | decision -> word p50 / p99 (ms) "
                    + "| words / signed | WER | state bytes per session | changelog bytes per session-second | CPU cores (all roles) | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %.2f | %,d | %d / %d | %d / %d | %.3f | %,d | %,.0f | %.2f | %.1f |%n",
                    sessions, perSessionFps, last.framesDropped() - first.framesDropped(), summary.decisionToWord().p50Ms(), summary.decisionToWord().p99Ms(),
                    summary.words(), summary.referenceWords(), summary.wer(), demo.processor().sizing().stateBytes(),
                    changelogBytes / (sessions * seconds), cores, load());
        }
    }

    private static long changelogBytes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long bytes = 0;
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get();
            for (LogDirDescription dir : dirs.get(1).values()) {
                for (var replica : dir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().contains("session-state-changelog")
                            || replica.getKey().topic().contains("session-activity-changelog")) {
                        bytes += replica.getValue().size();
                    }
                }
            }
            return bytes;
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
