package dev.signstream.synth.perform;

import dev.signstream.synth.sign.Pose;

/**
 * The small, slow drift of hands that are not signing (nobody holds perfectly still). It is added
 * at every instant, so it never jumps at a sign's boundary; its amplitude stays below
 * {@link #MAX_OFFSET} body units, well inside what counts as "at rest".
 */
public final class IdleMotion {

    /** Largest offset the drift adds to a palm, body units. */
    public static final double MAX_OFFSET = 0.035;

    private final double phaseA;
    private final double phaseB;
    private final double rateA;
    private final double rateB;

    public IdleMotion(long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        phaseA = rng.nextDouble() * 2 * Math.PI;
        phaseB = rng.nextDouble() * 2 * Math.PI;
        rateA = 2 * Math.PI * (0.2 + rng.nextDouble() * 0.3);
        rateB = 2 * Math.PI * (0.15 + rng.nextDouble() * 0.3);
    }

    /** Adds the drift at {@code time} seconds to both hands of {@code pose}. */
    public void apply(double time, Pose pose) {
        double a = 0.7 * MAX_OFFSET * Math.sin(rateA * time + phaseA);
        double b = 0.7 * MAX_OFFSET * Math.sin(rateB * time + phaseB);
        var d = pose.dominant();
        d.set(d.x() + a, d.y() + b, d.angle(), d.shape());
        var n = pose.nondominant();
        n.set(n.x() - b, n.y() + a, n.angle(), n.shape());
    }
}
