package dev.signstream.synth.sign;

/**
 * Where one hand is at one instant: palm centre in body units, finger direction and shape.
 * Mutable so per-frame pose evaluation allocates nothing.
 */
public final class HandState {

    double x;
    double y;
    double angle;
    HandShape shape = HandShape.RELAXED;

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    /** Finger direction in radians: 0 up, +pi/2 towards the dominant side, pi down. */
    public double angle() {
        return angle;
    }

    public HandShape shape() {
        return shape;
    }

    public void set(double x, double y, double angle, HandShape shape) {
        this.x = x;
        this.y = y;
        this.angle = angle;
        this.shape = shape;
    }

    public void setFrom(HandState other) {
        set(other.x, other.y, other.angle, other.shape);
    }

    /** Distance between the palm centres, in body units. */
    public double distanceTo(HandState other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "(%.2f, %.2f, %.2f rad, %s)", x, y, angle, shape);
    }
}
