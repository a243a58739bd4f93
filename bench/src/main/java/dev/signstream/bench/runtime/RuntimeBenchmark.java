package dev.signstream.bench.runtime;

import dev.signstream.bench.measure.MeasuredLoop;
import dev.signstream.bench.measure.Measurement;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.frames.FrameFormat;
import dev.signstream.inference.model.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Runtime vs raw ONNX Runtime, in one run, same model, thread count, batch and chunk length.
 *
 * <pre>
 * mvn -B -q -pl bench -am install -DskipTests
 * mvn -B -q -pl bench exec:java -Dexec.mainClass=dev.signstream.bench.runtime.RuntimeBenchmark \
 *     -Dexec.args="--model models/ksl-synth-small --threads 2 --seconds 6"
 * </pre>
 *
 * Options: {@code --model DIR} (required), {@code --threads N} ONNX Runtime intra-op threads (default 2),
 * {@code --chunk T} frames per call (default: the manifest's chunk length), {@code --batches 1,4,8,16},
 * {@code --seconds S} measured per path and batch (default 6), {@code --rounds R} (default 10): the
 * seconds are split into R rounds that alternate the runtime and raw ONNX Runtime (order flipped every
 * round), so both paths see the same load on a shared machine; {@code --max-wait-ms W} for the batcher
 * (default 1). Besides total throughput, it reports the median of the per-round ratios and the
 * fastest single call of each path (the cost with the least interference).
 */
public final class RuntimeBenchmark {

    private RuntimeBenchmark() {
    }

    /** One row of the result table. */
    private record Row(int batch, Measurement runtime, Measurement raw, Measurement floor, double medianRoundRatio,
            BatcherLoop.Result batcher) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path modelDir = Path.of(required(options, "model"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "6"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
        Duration maxWait = Duration.ofMillis(Long.parseLong(options.getOrDefault("max-wait-ms", "1")));
        List<Integer> batches = new ArrayList<>();
        for (String b : options.getOrDefault("batches", "1,4,8,16").split(",")) {
            batches.add(Integer.parseInt(b.trim()));
        }
        try (StreamModel model = StreamModel.load(modelDir, RuntimeOptions.cpu().withIntraOpThreads(threads))) {
            ModelManifest m = model.manifest();
            int chunk = Integer.parseInt(options.getOrDefault("chunk", Integer.toString(m.chunkLength())));
            FrameBlock frames = randomFrames(model, chunk);
            System.out.printf(Locale.ROOT, "model %s %s (%s, %dx%d, %d classes), chunk %d frames, ONNX Runtime intra-op "
                            + "threads %d, %d cores, Java %s, %.1f s per path and batch, load average %.2f at start%n",
                    m.name(), m.version(), m.architecture(), m.width(), m.height(), m.classes(), chunk, threads,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            List<Row> rows = new ArrayList<>();
            for (int batch : batches) {
                rows.add(measure(model, modelDir, threads, batch, frames, seconds, rounds, maxWait));
                System.out.printf(Locale.ROOT, "batch %d done%n", batch);
            }
            printTables(rows, maxWait);
            printFrameDecoding(m.width(), m.height(), chunk, seconds);
        }
    }

    /**
     * Runs the runtime, raw ONNX Runtime doing the same job, and the zero-copy floor in alternating
     * rounds (the order rotates every round), then the shared batcher.
     */
    private static Row measure(StreamModel model, Path modelDir, int threads, int batch, FrameBlock frames,
            double seconds, int rounds, Duration maxWait) throws Exception {
        Path onnx = modelDir.resolve("model.onnx");
        Measurement[] totals = {Measurement.NONE, Measurement.NONE, Measurement.NONE};
        double[] ratios = new double[rounds];
        float[] pixels = new float[frames.count() * frames.floatsPerFrame()];
        frames.pixels().get(0, pixels, 0, pixels.length);
        try (RuntimeLoop runtime = new RuntimeLoop(model, batch, frames);
                RawOrtSessionsLoop raw = new RawOrtSessionsLoop(onnx, model.manifest(), threads, batch, pixels,
                        frames.count());
                RawOrtFeedbackLoop floor = new RawOrtFeedbackLoop(onnx, model.manifest(), threads, batch, pixels,
                        frames.count())) {
            MeasuredLoop[] loops = {runtime, raw, floor};
            for (MeasuredLoop loop : loops) {
                loop.runFor(Math.min(1.0, seconds / 4)); // warm-up: JIT, ORT arenas
            }
            double slice = seconds / rounds;
            for (int round = 0; round < rounds; round++) {
                Measurement[] got = new Measurement[loops.length];
                for (int k = 0; k < loops.length; k++) {
                    int which = (round + k) % loops.length;
                    got[which] = loops[which].runFor(slice);
                    totals[which] = totals[which].plus(got[which]);
                }
                ratios[round] = got[0].framesPerSecond() / got[1].framesPerSecond();
            }
        }
        Arrays.sort(ratios);
        double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
        BatcherLoop.Result batcher = new BatcherLoop(model, batch, frames, maxWait).runFor(seconds);
        return new Row(batch, totals[0], totals[1], totals[2], median, batcher);
    }

    private static void printTables(List<Row> rows, Duration maxWait) {
        System.out.println();
        System.out.println("Runtime vs raw ONNX Runtime doing the same job (B stored sessions: frames and states copied in, "
                + "states copied out):");
        System.out.println();
        System.out.println("| batch | raw ORT frames/s | runtime frames/s | runtime / raw | median round ratio "
                + "| runtime frames per thread-CPU-s | runtime / raw by thread CPU | by process CPU "
                + "| fastest call raw / runtime (ms) | heap bytes per call: runtime / raw |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT,
                    "| %d | %.1f | %.1f | **%.3f** | %.3f | %.1f | %.3f | %.3f | %.2f / %.2f | %,.0f / %,.0f |%n",
                    r.batch, r.raw.framesPerSecond(), r.runtime.framesPerSecond(),
                    r.runtime.framesPerSecond() / r.raw.framesPerSecond(), r.medianRoundRatio,
                    r.runtime.framesPerThreadCpuSecond(),
                    r.runtime.framesPerThreadCpuSecond() / r.raw.framesPerThreadCpuSecond(),
                    r.runtime.framesPerCpuSecond() / r.raw.framesPerCpuSecond(),
                    r.raw.bestCallMillis(), r.runtime.bestCallMillis(), r.runtime.bytesPerCall(), r.raw.bytesPerCall());
        }
        System.out.println();
        System.out.println("Zero-copy floor (raw ONNX Runtime feeding each call's state outputs straight back, frames fixed):");
        System.out.println();
        System.out.println("| batch | floor frames/s | runtime / floor | floor frames per thread-CPU-s "
                + "| runtime / floor by thread CPU | fastest call (ms) | heap bytes per call |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.3f | %.1f | %.3f | %.2f | %,.0f |%n", r.batch,
                    r.floor.framesPerSecond(), r.runtime.framesPerSecond() / r.floor.framesPerSecond(),
                    r.floor.framesPerThreadCpuSecond(),
                    r.runtime.framesPerThreadCpuSecond() / r.floor.framesPerThreadCpuSecond(),
                    r.floor.bestCallMillis(), r.floor.bytesPerCall());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Shared batcher, one calling thread per session, max batch = threads, max wait %d ms:%n",
                maxWait.toMillis());
        System.out.println();
        System.out.println("| calling threads | frames/s | vs runtime at that batch | mean batch formed "
                + "| heap bytes per ONNX call (all threads) |");
        System.out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            Measurement b = r.batcher.measurement();
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.3f | %.2f | %,.0f |%n", r.batch, b.framesPerSecond(),
                    b.framesPerSecond() / r.runtime.framesPerSecond(), r.batcher.meanBatch(), b.bytesPerCall());
        }
    }

    private static void printFrameDecoding(int width, int height, int chunk, double seconds) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "Frame decoding (one thread, chunks of %d %dx%d frames into a reused block):%n", chunk,
                width, height);
        System.out.println();
        System.out.println("| payload | bytes per frame | frames/s | us per frame | thread-CPU us per frame "
                + "| heap bytes per frame |");
        System.out.println("|---|---|---|---|---|---|");
        for (FrameFormat format : FrameFormat.values()) {
            FrameDecodeLoop loop = new FrameDecodeLoop(width, height, chunk, format);
            loop.runFor(Math.min(1.0, seconds / 4));
            Measurement m = loop.runFor(seconds / 2);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.0f | %.1f | %.1f | %,.0f |%n", format, loop.payloadBytes(),
                    m.framesPerSecond(), 1e6 / m.framesPerSecond(), 1e6 / m.framesPerThreadCpuSecond(),
                    (double) m.allocatedBytes() / m.frames());
        }
    }

    private static FrameBlock randomFrames(StreamModel model, int chunk) {
        ModelManifest m = model.manifest();
        FrameBlock block = model.newFrameBlock(chunk);
        FrameDecoder decoder = model.newFrameDecoder();
        Random random = new Random(1);
        byte[] rgb = new byte[m.width() * m.height() * 3];
        for (int i = 0; i < chunk; i++) {
            random.nextBytes(rgb);
            decoder.appendRgb(rgb, 66_667L * i, block);
        }
        return block;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        if (name.equals("model") && !Files.isDirectory(Path.of(value))) {
            throw new IllegalArgumentException("model folder not found: " + value);
        }
        return value;
    }
}
