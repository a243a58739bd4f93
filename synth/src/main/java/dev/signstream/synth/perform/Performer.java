package dev.signstream.synth.perform;

import dev.signstream.synth.sign.HandShape;
import dev.signstream.synth.sign.HandTrack;
import dev.signstream.synth.sign.Keyframe;
import dev.signstream.synth.sign.RestPose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.signer.SignerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Performs signs the way one signer does in one clip or session: at their speed, with their
 * amplitude and a little imprecision that differs every time, plus the movements from rest (or
 * the previous sign) into the sign and back. Uses its own random stream; not thread-safe.
 */
public final class Performer {

    /** Seconds to move between rest and a sign's first pose: a base plus distance over hand speed, bounded. */
    private static final double TRANSITION_BASE = 0.15;
    private static final double TRANSITION_SPEED = 12.0;
    private static final double TRANSITION_MIN = 0.2;
    private static final double TRANSITION_MAX = 0.45;

    /** Largest amplitude factor of a performance: the signer's largest (1.13) times a clip's (1.05). */
    public static final double MAX_AMPLITUDE = 1.13 * 1.05;
    /** Keyframe imprecision is Gaussian with the signer's precision as sigma, cut off at this many body units. */
    public static final double MAX_POSITION_ERROR = 0.15;
    /** Keyframe angle imprecision, cut off at this many radians. */
    public static final double MAX_ANGLE_ERROR = 0.12;

    private final SignerProfile signer;
    private final double speed;
    private final SplittableRandom rng;

    /**
     * @param speed the clip's signing speed (1 nominal; see {@code SceneVariation.speed})
     * @param seed  seed of the imprecision drawn for each sign
     */
    public Performer(SignerProfile signer, double speed, long seed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        this.signer = signer;
        this.speed = speed;
        this.rng = new SplittableRandom(seed);
    }

    public SignerProfile signer() {
        return signer;
    }

    public double speed() {
        return speed;
    }

    /** This signer's version of a sign's core, at this clip's speed (times from 0). */
    public Core core(SignDefinition sign) {
        List<Keyframe> dominant = sign.dominant();
        double[] warped = warpedTimes(dominant);
        double amplitude = signer.amplitude() * (0.95 + 0.1 * rng.nextDouble());
        List<Keyframe> d = styled(dominant, dominant, warped, amplitude);
        List<Keyframe> n;
        if (sign.twoHanded()) {
            n = styled(sign.nondominant(), dominant, warped, amplitude);
        } else {
            double end = warped[warped.length - 1];
            n = List.of(RestPose.NONDOMINANT, RestPose.NONDOMINANT.atTime(end));
        }
        return new Core(sign, d, n, warped[warped.length - 1]);
    }

    /** Each segment's duration varies by a few per cent; then everything is scaled by the speed. */
    private double[] warpedTimes(List<Keyframe> keys) {
        double[] times = new double[keys.size()];
        for (int i = 1; i < times.length; i++) {
            double segment = keys.get(i).time() - keys.get(i - 1).time();
            double factor = Math.max(0.85, Math.min(1.15, 1 + 0.06 * rng.nextGaussian()));
            times[i] = times[i - 1] + segment * factor / speed;
        }
        return times;
    }

    private List<Keyframe> styled(List<Keyframe> keys, List<Keyframe> timeBase, double[] warped, double amplitude) {
        double cx = 0;
        double cy = 0;
        for (Keyframe k : keys) {
            cx += k.x();
            cy += k.y();
        }
        cx /= keys.size();
        cy /= keys.size();
        List<Keyframe> out = new ArrayList<>(keys.size());
        for (Keyframe k : keys) {
            double x = cx + (k.x() - cx) * amplitude + bounded(signer.precision() * rng.nextGaussian(), MAX_POSITION_ERROR);
            double y = cy + (k.y() - cy) * amplitude + bounded(signer.precision() * rng.nextGaussian(), MAX_POSITION_ERROR);
            double angle = k.angle() + bounded(0.05 * rng.nextGaussian(), MAX_ANGLE_ERROR);
            out.add(new Keyframe(warp(k.time(), timeBase, warped), x, y, angle, k.shape()));
        }
        return out;
    }

    private static double bounded(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }

    /** Maps a nominal time onto the warped time base, piecewise linearly between the base's keyframes. */
    private static double warp(double time, List<Keyframe> base, double[] warped) {
        for (int i = 1; i < base.size(); i++) {
            double t0 = base.get(i - 1).time();
            double t1 = base.get(i).time();
            if (time <= t1 + 1e-12) {
                double s = t1 > t0 ? (time - t0) / (t1 - t0) : 0;
                return warped[i - 1] + Math.max(0, Math.min(1, s)) * (warped[i] - warped[i - 1]);
            }
        }
        return warped[warped.length - 1];
    }

    /**
     * Places a core on a timeline: from {@code fromD}/{@code fromN} into the core, through it, and
     * on to {@code toD}/{@code toN} (the rest pose, or a hand-over point towards the next sign).
     */
    public PlacedSign place(Core core, double start, Keyframe fromD, Keyframe fromN, Keyframe toD, Keyframe toN,
                            long wordIndex, String sentenceId, int sentenceIndex) {
        double in = transitionSeconds(fromD, core.dominant().get(0), fromN, core.nondominant().get(0));
        double out = transitionSeconds(core.lastDominant(), toD, core.lastNondominant(), toN);
        HandTrack d = new HandTrack(assemble(fromD, core.dominant(), toD, in, out));
        HandTrack n = new HandTrack(assemble(fromN, core.nondominant(), toN, in, out));
        return new PlacedSign(core.sign(), start, start + in + core.seconds() + out, d, n, wordIndex, sentenceId, sentenceIndex);
    }

    private double transitionSeconds(Keyframe d0, Keyframe d1, Keyframe n0, Keyframe n1) {
        double distance = Math.max(distance(d0, d1), distance(n0, n1));
        double nominal = Math.max(TRANSITION_MIN, Math.min(TRANSITION_MAX, TRANSITION_BASE + distance / TRANSITION_SPEED));
        return nominal / speed;
    }

    private static double distance(Keyframe a, Keyframe b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    private static List<Keyframe> assemble(Keyframe from, List<Keyframe> core, Keyframe to, double in, double out) {
        List<Keyframe> keys = new ArrayList<>(core.size() + 2);
        keys.add(from.atTime(0));
        for (Keyframe k : core) {
            keys.add(k.atTime(in + k.time()));
        }
        keys.add(to.atTime(in + core.get(core.size() - 1).time() + out));
        return keys;
    }

    /**
     * The point where two signs hand over without a rest: half-way between the end of one and the
     * start of the next, pulled half-way down towards rest, hand relaxed.
     */
    public static Keyframe handOver(Keyframe end, Keyframe next, Keyframe rest) {
        double mx = (end.x() + next.x()) / 2;
        double my = (end.y() + next.y()) / 2;
        double angle = Math.atan2(Math.sin(end.angle()) + Math.sin(next.angle()), Math.cos(end.angle()) + Math.cos(next.angle()));
        return new Keyframe(0, (mx + rest.x()) / 2, (my + rest.y()) / 2, angle, HandShape.RELAXED);
    }

    /** A sign's core as this signer performs it this time. */
    public record Core(SignDefinition sign, List<Keyframe> dominant, List<Keyframe> nondominant, double seconds) {

        Keyframe lastDominant() {
            return dominant.get(dominant.size() - 1);
        }

        Keyframe lastNondominant() {
            return nondominant.get(nondominant.size() - 1);
        }
    }
}
