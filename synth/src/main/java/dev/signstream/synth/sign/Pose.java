package dev.signstream.synth.sign;

/**
 * Both hands at one instant, in body units (see the package notes). Mutable and reused per frame.
 * The non-dominant hand is given in the same dominant-side coordinates, so it usually has x &lt; 0.
 */
public final class Pose {

    private final HandState dominant = new HandState();
    private final HandState nondominant = new HandState();

    public HandState dominant() {
        return dominant;
    }

    public HandState nondominant() {
        return nondominant;
    }

    public void setFrom(Pose other) {
        dominant.setFrom(other.dominant);
        nondominant.setFrom(other.nondominant);
    }

    /** The larger of the two hands' palm distances to the same hands in {@code other}. */
    public double maxHandDistance(Pose other) {
        return Math.max(dominant.distanceTo(other.dominant), nondominant.distanceTo(other.nondominant));
    }

    @Override
    public String toString() {
        return "Pose[dominant=" + dominant + ", nondominant=" + nondominant + "]";
    }
}
