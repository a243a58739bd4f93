package dev.signstream.inference.bench;

import dev.signstream.inference.model.ModelFolder;
import java.nio.file.Path;
import java.util.Random;

/**
 * Raw ONNX Runtime frames/s for a model folder, for benchmarks outside this package that compare a
 * whole pipeline (e.g. the processor through Kafka) against the bare model in the same run: B stored
 * sessions advanced by one call per chunk, frames and states copied in and out as they must be when
 * sessions are stored (see {@code RawOrtSessionsLoop}).
 */
public final class RawOrtBaseline {

    private RawOrtBaseline() {
    }

    /**
     * Frames per second of raw ONNX Runtime over {@code seconds} (after a short warm-up).
     *
     * @param modelDir the model folder
     * @param intraOpThreads ONNX Runtime intra-op threads (0 = its own choice)
     * @param batch sessions per call
     * @param chunkFrames frames per session per call
     * @param seconds how long to measure
     */
    public static double framesPerSecond(Path modelDir, int intraOpThreads, int batch, int chunkFrames, double seconds)
            throws Exception {
        ModelFolder folder = ModelFolder.load(modelDir);
        int floatsPerFrame = folder.manifest().floatsPerFrame();
        float[] pixels = new float[chunkFrames * floatsPerFrame];
        Random random = new Random(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256) / 255f;
        }
        try (RawOrtSessionsLoop raw = new RawOrtSessionsLoop(folder.onnxFile(), folder.manifest(), intraOpThreads,
                batch, pixels, chunkFrames)) {
            raw.runFor(Math.min(1.0, seconds / 4));
            return raw.runFor(seconds).framesPerSecond();
        }
    }
}
