package dev.signstream.synth.sign;

/**
 * Where hands wait between signs: hanging in front of the lower torso, fingers down and slightly
 * inwards, shape {@link HandShape#RELAXED}.
 */
public final class RestPose {

    /** Dominant palm at rest. */
    public static final Keyframe DOMINANT = new Keyframe(0, 0.75, 2.72, Math.PI + 0.3, HandShape.RELAXED);
    /** Non-dominant palm at rest: the dominant one mirrored. */
    public static final Keyframe NONDOMINANT = DOMINANT.mirrored();

    private RestPose() {
    }

    /** Writes the rest pose of both hands into {@code out}. */
    public static void apply(Pose out) {
        set(DOMINANT, out.dominant());
        set(NONDOMINANT, out.nondominant());
    }

    static void set(Keyframe k, HandState out) {
        out.set(k.x(), k.y(), k.angle(), k.shape());
    }
}
