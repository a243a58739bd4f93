package dev.signstream.synth.bench;

import java.util.Locale;

/**
 * Prints the single-frame baselines of {@link Baselines} on unseen test signers.
 * Usage: {@code SingleFrameBaseline [TRAIN_SIGNERS TRAIN_PER_SIGN TEST_SIGNERS TEST_PER_SIGN SIZE SEED]}
 * (defaults 40 8 12 3 112 1).
 */
public final class SingleFrameBaseline {

    private SingleFrameBaseline() {
    }

    public static void main(String[] args) {
        int[] v = {40, 8, 12, 3, 112, 1};
        for (int i = 0; i < args.length && i < v.length; i++) {
            v[i] = Integer.parseInt(args[i]);
        }
        long started = System.nanoTime();
        Baselines.Result r = Baselines.run(v[0], v[1], v[2], v[3], v[4], v[5]);
        System.out.printf(Locale.ROOT, "train: %d clips from %d signers; test: %d clips from %d unseen signers; %d classes; %dx%d%n",
                r.trainClips(), v[0], r.testClips(), v[2], r.classes(), v[4], v[4]);
        System.out.printf(Locale.ROOT, "| classifier | sees | top-1 on test signers |%n|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| nearest centroid, 16x16 RGB thumbnail | middle frame | %.1f %% |%n", 100 * r.pixelsMiddleFrame());
        System.out.printf(Locale.ROOT, "| nearest centroid, thumbnail of one fixed figure, plain scene | middle frame | %.1f %% |%n", 100 * r.cleanPixelsCentroid());
        System.out.printf(Locale.ROOT, "| 1-NN, thumbnail of one fixed figure, plain scene | middle frame | %.1f %% |%n", 100 * r.cleanPixelsNeighbour());
        System.out.printf(Locale.ROOT, "| 1-NN on the exact pose (oracle) | middle frame | %.1f %% |%n", 100 * r.poseMiddleFrame());
        System.out.printf(Locale.ROOT, "| 1-NN on the exact pose (oracle) | one random frame of the sign | %.1f %% |%n", 100 * r.poseRandomFrame());
        System.out.printf(Locale.ROOT, "| nearest centroid on the exact hand paths | whole sign (16 instants) | %.1f %% |%n", 100 * r.poseWholeSign());
        System.out.printf(Locale.ROOT, "chance: %.1f %%; took %.1f s%n", 100.0 / r.classes(), (System.nanoTime() - started) / 1e9);
    }
}
