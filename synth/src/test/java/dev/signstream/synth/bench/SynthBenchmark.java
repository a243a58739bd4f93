package dev.signstream.synth.bench;

import dev.signstream.synth.corpus.ClipPlan;
import dev.signstream.synth.corpus.ClipPlanner;
import dev.signstream.synth.corpus.ClipRenderer;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusSummary;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.LiveCameras;
import dev.signstream.synth.live.LiveStats;
import dev.signstream.synth.live.SessionFleet;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints how fast the synthetic signer renders and encodes, and how many live sessions at 15 fps
 * this machine keeps on schedule. Usage: {@code SynthBenchmark [THREADS] [MAX_SESSIONS] [SECONDS]}
 * (defaults: all cores, 400, 10). A session count is "sustained" when no session failed, at least
 * 99 % of the due frames were delivered, and the 99th percentile start delay stays under
 * {@value #MAX_P99_DELAY_MS} ms (under four frames: no backlog builds up; capture timestamps stay
 * exact either way). The table also shows the share of frames that started more than one frame late.
 */
public final class SynthBenchmark {

    private static final int FPS = 15;
    private static final double MAX_P99_DELAY_MS = 250;

    private SynthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int maxSessions = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf(Locale.ROOT, "cores %d, threads %d, java %s, load average at start %.2f%n",
                Runtime.getRuntime().availableProcessors(), threads, System.getProperty("java.version"), load());

        // a first, unprinted pass lets the JIT compile the drawing, lighting and encoding paths
        for (int size : new int[] {112, 172}) {
            renderOnly(size, 600, 3000);
            renderAndEncode(size, 20);
        }
        System.out.println();
        System.out.println("| size | render only, 1 thread (frames/s) | render + MPEG-4 encode, 1 thread (frames/s) | corpus writer, " + threads + " threads (frames/s) |");
        System.out.println("|---|---|---|---|");
        for (int size : new int[] {112, 172}) {
            double render = renderOnly(size, 600, 3000);
            double encode = renderAndEncode(size, 60);
            double corpus = corpusWriter(size, threads);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f |%n", size, render, encode, corpus);
        }

        for (int size : new int[] {112, 172}) {
            System.out.println();
            System.out.printf(Locale.ROOT, "live sessions at %d fps, %dx%d, %d threads, %d s each (after a 3 s warm-up):%n",
                    FPS, size, size, threads, seconds);
            System.out.println("| sessions | frames/s delivered | due | frames > 1 period late | p50 delay ms | p99 delay ms | max delay ms | work ms/frame | load | sustained |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            int best = 0;
            for (int n = 25; n <= maxSessions; n += n < 100 ? 25 : n < 200 ? 50 : 100) {
                boolean ok = live(size, n, threads, seconds);
                if (!ok) {
                    break;
                }
                best = n;
            }
            System.out.printf(Locale.ROOT, "most sessions sustained at %dx%d: %d%n", size, size, best);
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Frames/s of one endless session rendered as fast as possible (planning, drawing, lighting, noise). */
    static double renderOnly(int size, int warmup, int frames) {
        SessionSpec spec = new SessionSpec("bench", SignerIdentity.of(SignerPool.LIVE, 0, 1),
                SessionScript.endless(Sentences.standard()), size, FPS, 1, 0);
        byte[] rgb = new byte[size * size * 3];
        try (SyntheticSession session = new SyntheticSession(spec)) {
            for (int i = 0; i < warmup; i++) {
                session.next(rgb);
            }
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                session.next(rgb);
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Frames/s of isolated sign clips rendered and encoded to MP4 on one thread. */
    static double renderAndEncode(int size, int clips) throws IOException {
        Path dir = Files.createTempDirectory("synth-bench");
        try {
            CorpusSpec spec = new CorpusSpec(dir, SignerPool.TRAIN, 2, 0, 0, 10, 1, size, FPS, 1, false);
            List<ClipPlan> plans = new ClipPlanner(Vocabulary.standard(), Sentences.standard()).plan(spec);
            for (int i = 0; i < 10; i++) {
                ClipRenderer.renderToMp4(plans.get(i), dir.resolve("warm" + i + ".mp4"));
            }
            long frames = 0;
            long start = System.nanoTime();
            for (int i = 0; i < clips; i++) {
                frames += ClipRenderer.renderToMp4(plans.get(i % plans.size()), dir.resolve("clip" + i + ".mp4"));
            }
            return frames / ((System.nanoTime() - start) / 1e9);
        } finally {
            delete(dir);
        }
    }

    /** Frames/s of the corpus writer (all its threads) writing every sign twice plus idle and sentence clips. */
    static double corpusWriter(int size, int threads) throws IOException {
        Path dir = Files.createTempDirectory("synth-corpus-bench");
        try {
            CorpusSummary summary = new CorpusWriter(Vocabulary.standard(), Sentences.standard())
                    .write(new CorpusSpec(dir, SignerPool.TRAIN, 2, 4, 8, 10, 1, size, FPS, threads, false), CorpusProgress.NONE);
            return summary.framesPerSecond();
        } finally {
            delete(dir);
        }
    }

    /** Runs {@code n} live sessions; prints one table row; returns whether the count was sustained. */
    static boolean live(int size, int n, int threads, int seconds) throws InterruptedException {
        List<SessionSpec> specs = SessionFleet.of(n, "bench", SessionScript.endless(Sentences.standard()),
                size, FPS, n, System.currentTimeMillis() * 1000 + 100_000);
        try (LiveCameras cameras = LiveCameras.start(specs, threads, (session, rgb, truth) -> { })) {
            Thread.sleep(3000);
            cameras.stats().reset();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            LiveStats.Snapshot s = cameras.stats().snapshot();
            double due = n * FPS * elapsed;
            boolean sustained = s.failures() == 0 && s.frames() >= 0.99 * due && s.p99LatenessMs() < MAX_P99_DELAY_MS;
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.1f %% | %.0f | %.0f | %.0f | %.2f | %.1f | %s |%n",
                    n, s.frames() / elapsed, n * (double) FPS, 100.0 * s.lateFrames() / Math.max(1, s.frames()), s.p50LatenessMs(), s.p99LatenessMs(),
                    s.maxLatenessMs(), s.meanWorkMs(), load(), sustained ? "yes" : "no");
            return sustained;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
