package dev.signstream.synth.sign;

import java.util.List;

/**
 * A hand's path through keyframes: positions and angles follow a cubic Hermite curve whose
 * tangents are central differences in time (so uneven keyframe spacing does not overshoot), with
 * zero velocity at the first and last keyframe and wherever the path turns back on itself. The
 * shape switches half-way between keyframes. Immutable; {@link #sample} allocates nothing.
 */
public final class HandTrack {

    private final double[] times;
    private final double[] xs;
    private final double[] ys;
    private final double[] angles;
    private final HandShape[] shapes;
    private final double[] tx;
    private final double[] ty;
    private final double[] ta;

    /** Keyframe times must strictly increase. Angles are unwrapped so the hand turns the short way. */
    public HandTrack(List<Keyframe> keyframes) {
        int n = keyframes.size();
        if (n == 0) {
            throw new IllegalArgumentException("a hand track needs at least one keyframe");
        }
        times = new double[n];
        xs = new double[n];
        ys = new double[n];
        angles = new double[n];
        shapes = new HandShape[n];
        for (int i = 0; i < n; i++) {
            Keyframe k = keyframes.get(i);
            if (i > 0 && !(k.time() > times[i - 1])) {
                throw new IllegalArgumentException("keyframe times must increase: " + times[i - 1] + " then " + k.time());
            }
            times[i] = k.time();
            xs[i] = k.x();
            ys[i] = k.y();
            angles[i] = i == 0 ? k.angle() : nearestTurn(angles[i - 1], k.angle());
            shapes[i] = k.shape();
        }
        tx = tangents(xs);
        ty = tangents(ys);
        ta = tangents(angles);
    }

    /** A track that holds one pose for {@code duration} seconds. */
    public static HandTrack still(Keyframe pose, double duration) {
        return new HandTrack(List.of(pose.atTime(0), pose.atTime(duration)));
    }

    private static double nearestTurn(double previous, double angle) {
        double turn = angle - previous;
        turn -= 2 * Math.PI * Math.round(turn / (2 * Math.PI));
        return previous + turn;
    }

    private double[] tangents(double[] v) {
        int n = v.length;
        double[] t = new double[n];
        for (int i = 1; i < n - 1; i++) {
            double before = v[i] - v[i - 1];
            double after = v[i + 1] - v[i];
            // a turning point (or a hold) stops the hand there instead of overshooting
            if (before * after <= 0) {
                t[i] = 0;
            } else {
                t[i] = (v[i + 1] - v[i - 1]) / (times[i + 1] - times[i - 1]);
            }
        }
        return t;
    }

    public double duration() {
        return times[times.length - 1] - times[0];
    }

    public int keyframeCount() {
        return times.length;
    }

    /** Writes the pose at {@code time} seconds (clamped to the track) into {@code out}. */
    public void sample(double time, HandState out) {
        int n = times.length;
        if (n == 1 || time <= times[0]) {
            out.set(xs[0], ys[0], angles[0], shapes[0]);
            return;
        }
        if (time >= times[n - 1]) {
            out.set(xs[n - 1], ys[n - 1], angles[n - 1], shapes[n - 1]);
            return;
        }
        int i = segmentAt(time);
        double h = times[i + 1] - times[i];
        double s = (time - times[i]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        double h00 = 2 * s3 - 3 * s2 + 1;
        double h10 = s3 - 2 * s2 + s;
        double h01 = -2 * s3 + 3 * s2;
        double h11 = s3 - s2;
        out.set(h00 * xs[i] + h10 * h * tx[i] + h01 * xs[i + 1] + h11 * h * tx[i + 1],
                h00 * ys[i] + h10 * h * ty[i] + h01 * ys[i + 1] + h11 * h * ty[i + 1],
                h00 * angles[i] + h10 * h * ta[i] + h01 * angles[i + 1] + h11 * h * ta[i + 1],
                s < 0.5 ? shapes[i] : shapes[i + 1]);
    }

    private int segmentAt(double time) {
        int lo = 0;
        int hi = times.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The keyframe at index {@code i} (angles as unwrapped). */
    public Keyframe keyframe(int i) {
        return new Keyframe(times[i], xs[i], ys[i], angles[i], shapes[i]);
    }
}
