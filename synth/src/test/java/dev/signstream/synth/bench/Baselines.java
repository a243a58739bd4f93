package dev.signstream.synth.bench;

import dev.signstream.synth.corpus.ClipPlan;
import dev.signstream.synth.corpus.ClipPlanner;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.render.SignerRenderer;
import dev.signstream.synth.sign.HandShape;
import dev.signstream.synth.sign.HandState;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How well do classifiers that see only one frame do on unseen signers, compared with one that
 * sees the whole movement? Trains on isolated sign clips of training signers, tests on test
 * signers (disjoint identities), 39 sign classes:
 * <ul>
 *   <li>pixels, one middle frame: nearest centroid on a 16x16 RGB thumbnail (each thumbnail
 *       standardised to zero mean and unit variance);</li>
 *   <li>pixels without nuisance, one middle frame: nearest centroid and 1-nearest-neighbour on
 *       thumbnails of the same performances drawn by one fixed right-handed figure in a plain,
 *       noise-free scene, so only the sign differs between images;</li>
 *   <li>true pose, one middle frame: 1-nearest-neighbour on the exact hand positions, angles and
 *       shapes of that frame (an oracle far stronger than any pixel classifier of one frame);</li>
 *   <li>true pose, one random frame inside the sign: the same oracle at a random instant;</li>
 *   <li>true pose, whole sign: nearest centroid on the hand paths resampled to 16 instants
 *       (shows the classes are separable once time is seen).</li>
 * </ul>
 */
public final class Baselines {

    private static final int THUMB = 16;
    private static final int PATH_SAMPLES = 16;

    private Baselines() {
    }

    /** One labelled example with its features. */
    record Example(int label, float[] pixels, float[] cleanPixels, double[] framePose, double[] randomFramePose, double[] path) {
    }

    /** Accuracies in [0, 1] on the test signers. */
    public record Result(int trainClips, int testClips, int classes, double pixelsMiddleFrame,
                         double cleanPixelsCentroid, double cleanPixelsNeighbour,
                         double poseMiddleFrame, double poseRandomFrame, double poseWholeSign) {
    }

    public static Result run(int trainSigners, int trainPerSign, int testSigners, int testPerSign, int size, long seed) {
        List<Example> train = examples(new CorpusSpec(Path.of("unused"), SignerPool.TRAIN, trainPerSign, 0, 0,
                trainSigners, seed, size, 15, 1, false));
        List<Example> test = examples(new CorpusSpec(Path.of("unused"), SignerPool.TEST, testPerSign, 0, 0,
                testSigners, seed, size, 15, 1, false));
        int classes = Vocabulary.standard().size();
        double pixels = nearestCentroid(train, test, classes, e -> toDouble(e.pixels()));
        double cleanCentroid = nearestCentroid(train, test, classes, e -> toDouble(e.cleanPixels()));
        double cleanNeighbour = nearestNeighbour(train, test, e -> toDouble(e.cleanPixels()));
        double frame = nearestNeighbour(train, test, Example::framePose);
        double random = nearestNeighbour(train, test, Example::randomFramePose);
        double path = nearestCentroid(train, test, classes, Example::path);
        return new Result(train.size(), test.size(), classes, pixels, cleanCentroid, cleanNeighbour, frame, random, path);
    }

    private static List<Example> examples(CorpusSpec spec) {
        ClipPlanner planner = new ClipPlanner(Vocabulary.standard(), Sentences.standard());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(spec.seed() ^ spec.split().ordinal());
        List<Example> out = new ArrayList<>();
        Pose pose = new Pose();
        byte[] rgb = new byte[spec.size() * spec.size() * 3];
        byte[] clean = new byte[spec.size() * spec.size() * 3];
        SignerProfile mannequin = mannequin();
        try (SignerRenderer plain = new SignerRenderer(spec.size(), mannequin, cleanScene())) {
            for (ClipPlan plan : planner.plan(spec)) {
                out.add(example(plan, pose, rgb, clean, plain, rng));
            }
        }
        return out;
    }

    private static Example example(ClipPlan plan, Pose pose, byte[] rgb, byte[] clean, SignerRenderer plain,
                                   java.util.SplittableRandom rng) {
        PlacedSign sign = plan.signs().get(0);
        int middle = plan.frames() / 2;
        double middleTime = FrameClock.timeOf(middle, plan.fps());
        plan.clip().timeline().poseAt(middleTime, pose);
        try (SignerRenderer renderer = new SignerRenderer(plan.size(), plan.signer(), plan.scene())) {
            renderer.render(pose, middleTime, middle, rgb);
        }
        plain.render(pose, middleTime, middle, clean);
        double[] framePose = poseFeatures(pose);
        long first = sign.startFrame(plan.fps());
        long last = Math.min(plan.frames(), sign.endFrame(plan.fps())) - 1;
        long random = first + rng.nextLong(last - first + 1);
        plan.clip().timeline().poseAt(FrameClock.timeOf(random, plan.fps()), pose);
        double[] randomPose = poseFeatures(pose);
        double[] path = new double[PATH_SAMPLES * framePose.length];
        for (int k = 0; k < PATH_SAMPLES; k++) {
            double t = sign.start() + sign.duration() * (k + 0.5) / PATH_SAMPLES;
            plan.clip().timeline().poseAt(t, pose);
            System.arraycopy(poseFeatures(pose), 0, path, k * framePose.length, framePose.length);
        }
        return new Example(sign.sign().label(), thumbnail(rgb, plan.size()), thumbnail(clean, plan.size()),
                framePose, randomPose, path);
    }

    /** A fixed right-handed figure of average build. */
    private static SignerProfile mannequin() {
        SignerProfile any = SignerProfile.of(SignerIdentity.of(SignerPool.LIVE, 0, 0));
        return new SignerProfile(any.identity(), false, 0xC89A7A, 0x2B1D14, 0x3050A0, 0x3050A0, 0, false,
                1, 1, 1, 1, 1, 1, 0.04, 0.5, 0, 3);
    }

    private static SceneVariation cleanScene() {
        return new SceneVariation(SceneVariation.Background.PLAIN, 0xD8DCE2, 0xD8DCE2, 0, 1, null,
                1.0, 0, 0, 1, 1, 1, 0, 0, 1.0, 0, 0, 1.0, 2, 1);
    }

    /** Hand positions, finger directions and one-hot shapes of both hands. */
    static double[] poseFeatures(Pose pose) {
        int shapes = HandShape.values().length;
        double[] f = new double[2 * (4 + shapes)];
        int o = 0;
        for (HandState hand : new HandState[] {pose.dominant(), pose.nondominant()}) {
            f[o++] = hand.x();
            f[o++] = hand.y();
            f[o++] = 0.5 * Math.sin(hand.angle());
            f[o++] = 0.5 * Math.cos(hand.angle());
            f[o + hand.shape().ordinal()] = 1;
            o += shapes;
        }
        return f;
    }

    /** Area-averaged 16x16 RGB thumbnail, standardised to zero mean and unit variance. */
    static float[] thumbnail(byte[] rgb, int size) {
        float[] f = new float[THUMB * THUMB * 3];
        int[] counts = new int[THUMB * THUMB];
        for (int y = 0; y < size; y++) {
            int ty = y * THUMB / size;
            for (int x = 0; x < size; x++) {
                int tx = x * THUMB / size;
                int cell = ty * THUMB + tx;
                int i = (y * size + x) * 3;
                f[cell * 3] += rgb[i] & 0xFF;
                f[cell * 3 + 1] += rgb[i + 1] & 0xFF;
                f[cell * 3 + 2] += rgb[i + 2] & 0xFF;
                counts[cell]++;
            }
        }
        double mean = 0;
        for (int i = 0; i < f.length; i++) {
            f[i] /= counts[i / 3];
            mean += f[i];
        }
        mean /= f.length;
        double var = 0;
        for (float v : f) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / f.length) + 1e-6;
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) ((f[i] - mean) / std);
        }
        return f;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static double nearestCentroid(List<Example> train, List<Example> test, int classes,
                                  java.util.function.Function<Example, double[]> features) {
        int dims = features.apply(train.get(0)).length;
        double[][] centroids = new double[classes + 1][dims];
        int[] counts = new int[classes + 1];
        for (Example e : train) {
            double[] f = features.apply(e);
            for (int i = 0; i < dims; i++) {
                centroids[e.label()][i] += f[i];
            }
            counts[e.label()]++;
        }
        for (int c = 0; c <= classes; c++) {
            for (int i = 0; i < dims && counts[c] > 0; i++) {
                centroids[c][i] /= counts[c];
            }
        }
        int correct = 0;
        for (Example e : test) {
            double[] f = features.apply(e);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 1; c <= classes; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                double d = squaredDistance(f, centroids[c]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            if (best == e.label()) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }

    static double nearestNeighbour(List<Example> train, List<Example> test, java.util.function.Function<Example, double[]> features) {
        int correct = 0;
        for (Example e : test) {
            double[] f = features.apply(e);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (Example t : train) {
                double d = squaredDistance(f, features.apply(t));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = t.label();
                }
            }
            if (best == e.label()) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
