package dev.signstream.synth.sign;

/**
 * One hand's pose at one time of a track.
 *
 * @param time  seconds from the start of the track
 * @param x     palm centre, body units, towards the dominant side
 * @param y     palm centre, body units, downwards
 * @param angle finger direction in radians (0 up, +pi/2 towards the dominant side)
 * @param shape hand shape from this keyframe on (switches half-way to the next keyframe)
 */
public record Keyframe(double time, double x, double y, double angle, HandShape shape) {

    public Keyframe {
        if (!Double.isFinite(time) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(angle)) {
            throw new IllegalArgumentException("keyframe values must be finite: " + time + ", " + x + ", " + y + ", " + angle);
        }
        if (shape == null) {
            throw new IllegalArgumentException("keyframe shape is required");
        }
    }

    public Keyframe atTime(double newTime) {
        return new Keyframe(newTime, x, y, angle, shape);
    }

    /** The same pose seen from the other hand's side: x and angle mirrored. */
    public Keyframe mirrored() {
        return new Keyframe(time, -x, y, -angle, shape);
    }
}
