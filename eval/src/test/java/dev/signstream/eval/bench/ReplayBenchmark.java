package dev.signstream.eval.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.eval.record.LabelledSession;
import dev.signstream.eval.record.LabelledSessions;
import dev.signstream.eval.record.RecordProgress;
import dev.signstream.eval.record.RecordSettings;
import dev.signstream.eval.record.RecordSummary;
import dev.signstream.eval.record.Recorder;
import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.ReplayEvaluation;
import dev.signstream.eval.replay.ReplayFixtures;
import dev.signstream.eval.replay.ReplayOptions;
import dev.signstream.eval.replay.ReplayProgress;
import dev.signstream.eval.replay.Throughput;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.lexicon.Sentences;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replay speed on this machine: synthetic signers recorded into a topic of an embedded broker (in
 * this JVM, the registry in a child JVM), then replayed through a model with 1 and 2 stream threads,
 * after one warm-up replay. Prints stored video seconds per processing second (x real time), frames
 * per second, the mean ONNX batch and this JVM's CPU use, with the machine's load before and after.
 *
 * <pre>
 * mvn -B -q -pl eval -am test-compile
 * mvn -B -q -pl eval exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.signstream.eval.bench.ReplayBenchmark -Dexec.args="--sessions 12 --sentences 4"
 * </pre>
 * Options: {@code --model DIR} (default {@code models/ksl-synth-small} when it exists, else the
 * random-weight test model relabelled to five glosses, with sentences of only those glosses),
 * {@code --sessions N} (12), {@code --sentences N} per session (4), {@code --encoding jpeg|raw} (jpeg),
 * {@code --threads 1,2} (stream threads per run), {@code --onnx-threads N} (1 per call).
 */
public final class ReplayBenchmark {

    private static final Path SHIPPED = Path.of("models", "ksl-synth-small");

    private ReplayBenchmark() {
    }

    private record Row(String run, int threads, Throughput speed, double cpuCores) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path work = Files.createTempDirectory("replay-bench-");
        Path model;
        Sentences pool;
        String shipped = options.getOrDefault("model", Files.isDirectory(SHIPPED) ? SHIPPED.toString()
                : Files.isDirectory(Path.of("..").resolve(SHIPPED)) ? Path.of("..").resolve(SHIPPED).toString() : "");
        if (!shipped.isEmpty()) {
            model = Path.of(shipped);
            pool = Sentences.standard();
        } else {
            model = ReplayFixtures.model(work.resolve("random-model"), Map.of());
            pool = ReplayFixtures.sentences(work);
            System.out.println("models/ksl-synth-small not found: using the random-weight test model (same small "
                    + "architecture; its words are meaningless, its cost is real)");
        }
        ModelManifest manifest = ModelFolder.load(model).manifest();
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "12"));
        int sentences = Integer.parseInt(options.getOrDefault("sentences", "4"));
        FrameEncoding encoding = options.getOrDefault("encoding", "jpeg").equals("raw") ? FrameEncoding.RAW_RGB24
                : FrameEncoding.JPEG;
        int ortThreads = Integer.parseInt(options.getOrDefault("onnx-threads", "1"));
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : options.getOrDefault("threads", "1,2").split(",")) {
            threadCounts.add(Integer.parseInt(t.trim()));
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Row> rows = new ArrayList<>();
        RecordSummary recorded;
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start()) {
            KafkaSettings settings = ReplayFixtures.settings(stack, "bench.");
            String topic = "bench.recording";
            List<LabelledSession> fleet = LabelledSessions.synthetic(sessions, sentences, 3, manifest.width(),
                    manifest.fps(), "bench", pool);
            try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 6, (short) 1, Optional.empty(),
                    encoding, 3, manifest.chunkLength(), 2, "replay-benchmark"))) {
                recorded = recorder.record(fleet, RecordProgress.NONE);
            }
            System.out.printf(Locale.ROOT, "recorded %d sessions, %.1f s of video, %d frames (%s) in %.1f s%n",
                    recorded.sessions(), recorded.videoSeconds(), recorded.frames(), encoding, recorded.seconds());
            rows.add(replay(settings, topic, model, threadCounts.get(0), ortThreads, "warm-up"));
            for (int threads : threadCounts) {
                rows.add(replay(settings, topic, model, threads, ortThreads, "measured"));
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "%nmodel %s (%s), %dx%d, chunks of %d; %d cores; ONNX Runtime %d thread(s) per call;"
                        + " load average %.2f before, %.2f after%n", manifest.name(), manifest.version(), manifest.width(),
                manifest.height(), manifest.chunkLength(), Runtime.getRuntime().availableProcessors(), ortThreads,
                loadBefore, loadAfter);
        System.out.println("| run | stream threads | video s | processing s | x real time | frames/s | mean batch "
                + "| start-up s | x real time incl. start-up | JVM CPU cores |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Throughput t = row.speed();
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.1f | %.0f | %.2f | %.2f | %.1f | %.2f |%n",
                    row.run(), row.threads(), t.videoSeconds(), t.processingSeconds(), t.realTimeFactor(),
                    t.framesPerSecond(), t.meanBatch(), t.startupSeconds(), t.realTimeFactorTotal(), row.cpuCores());
        }
        deleteTree(work);
    }

    private static Row replay(KafkaSettings settings, String topic, Path model, int threads, int ortThreads, String run)
            throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        ModelResult result = ReplayEvaluation.run(settings, ReplayOptions.of(topic, Optional.empty(), List.of(model))
                .withStreamThreads(threads).withRuntime(RuntimeOptions.cpu().withIntraOpThreads(ortThreads)),
                ReplayProgress.NONE).models().get(0);
        double wall = (System.nanoTime() - started) / 1e9;
        double cores = (os.getProcessCpuTime() - cpuBefore) / 1e9 / wall;
        System.out.printf(Locale.ROOT, "%s with %d stream thread(s): %.1fx real time%n", run, threads,
                result.throughput().realTimeFactor());
        return new Row(run, threads, result.throughput(), cores);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
