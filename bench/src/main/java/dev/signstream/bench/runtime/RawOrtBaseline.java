package dev.signstream.bench.runtime;

import dev.signstream.bench.measure.Measurement;
import dev.signstream.inference.model.ModelFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Raw ONNX Runtime frames/s for a model folder, what a whole pipeline (the processor through Kafka)
 * is compared with in the same run: B stored sessions advanced by one call per chunk, frames and
 * states copied in and out as they must be when sessions are stored (see {@code RawOrtSessionsLoop}),
 * by one calling thread or by several at once (each with its own ONNX Runtime session).
 */
public final class RawOrtBaseline {

    private RawOrtBaseline() {
    }

    /**
     * Frames per second of raw ONNX Runtime over {@code seconds} (after a short warm-up), all
     * callers together.
     *
     * @param modelDir the model folder
     * @param intraOpThreads ONNX Runtime intra-op threads per call (0 = its own choice)
     * @param batch sessions per call
     * @param chunkFrames frames per session per call
     * @param callers threads calling at once, each with its own sessions
     * @param seconds how long to measure
     */
    public static double framesPerSecond(Path modelDir, int intraOpThreads, int batch, int chunkFrames, int callers,
                                         double seconds) throws Exception {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, not " + callers);
        }
        ModelFolder folder = ModelFolder.load(modelDir);
        float[] pixels = new float[chunkFrames * folder.manifest().floatsPerFrame()];
        Random random = new Random(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256) / 255f;
        }
        List<RawOrtSessionsLoop> loops = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int c = 0; c < callers; c++) {
                loops.add(new RawOrtSessionsLoop(folder.onnxFile(), folder.manifest(), intraOpThreads, batch, pixels,
                        chunkFrames));
            }
            runAll(pool, loops, Math.min(1.0, seconds / 4));
            long start = System.nanoTime();
            List<Measurement> measured = runAll(pool, loops, seconds);
            double wall = (System.nanoTime() - start) / 1e9;
            return measured.stream().mapToLong(Measurement::frames).sum() / wall;
        } finally {
            pool.shutdownNow();
            for (RawOrtSessionsLoop loop : loops) {
                loop.close();
            }
        }
    }

    private static List<Measurement> runAll(ExecutorService pool, List<RawOrtSessionsLoop> loops, double seconds)
            throws Exception {
        List<Future<Measurement>> running = new ArrayList<>();
        for (RawOrtSessionsLoop loop : loops) {
            Callable<Measurement> task = () -> loop.runFor(seconds);
            running.add(pool.submit(task));
        }
        List<Measurement> results = new ArrayList<>();
        for (Future<Measurement> f : running) {
            results.add(f.get());
        }
        return results;
    }
}
