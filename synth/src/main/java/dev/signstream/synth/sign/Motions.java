package dev.signstream.synth.sign;

import java.util.ArrayList;
import java.util.List;

/** Builders for the core movements the vocabulary is made of. Times start at 0. */
final class Motions {

    private static final int CIRCLE_STEPS = 8;

    private Motions() {
    }

    /** A point the hand passes, with the shape it has there. */
    record Via(double x, double y, HandShape shape) {
    }

    static Via via(double x, double y, HandShape shape) {
        return new Via(x, y, shape);
    }

    /**
     * One loop around (cx, cy) starting and ending at the top. {@code outwardOverTop}: at the top
     * the hand moves towards the dominant side (clockwise as the signer sees it for a right hand).
     */
    static List<Keyframe> circle(double cx, double cy, double r, boolean outwardOverTop, double seconds,
                                 HandShape shape, double angle) {
        List<Keyframe> keys = new ArrayList<>();
        for (int i = 0; i <= CIRCLE_STEPS; i++) {
            double phi = -Math.PI / 2 + (outwardOverTop ? 1 : -1) * 2 * Math.PI * i / CIRCLE_STEPS;
            keys.add(new Keyframe(seconds * i / CIRCLE_STEPS, cx + r * Math.cos(phi), cy + r * Math.sin(phi), angle, shape));
        }
        return keys;
    }

    /** Swings from the top of the circle down its outer half to the bottom and back, {@code cycles} times. */
    static List<Keyframe> outerArcSwing(double cx, double cy, double r, int cycles, double seconds,
                                        HandShape shape, double angle) {
        int[] degrees = {-90, -45, 0, 45, 90, 45, 0, -45};
        List<Keyframe> keys = new ArrayList<>();
        int steps = cycles * degrees.length;
        for (int i = 0; i <= steps; i++) {
            double phi = Math.toRadians(degrees[i % degrees.length]);
            keys.add(new Keyframe(seconds * i / steps, cx + r * Math.cos(phi), cy + r * Math.sin(phi), angle, shape));
        }
        return keys;
    }

    /** Straight segments through the given points, evenly timed. */
    static List<Keyframe> through(double seconds, double angle, Via... points) {
        List<Keyframe> keys = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            Via p = points[i];
            keys.add(new Keyframe(seconds * i / (points.length - 1), p.x(), p.y(), angle, p.shape()));
        }
        return keys;
    }

    /** a, b, a, b, ...: {@code strokes} movements between the two points, evenly timed. */
    static List<Keyframe> shake(Via a, Via b, int strokes, double seconds, double angle) {
        Via[] points = new Via[strokes + 1];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 2 == 0 ? a : b;
        }
        return through(seconds, angle, points);
    }

    /** The same keyframes for the other hand, mirrored across the body's midline. */
    static List<Keyframe> mirrored(List<Keyframe> keys) {
        return keys.stream().map(Keyframe::mirrored).toList();
    }

    /** The other hand holds one pose for the whole core (a base the dominant hand acts on). */
    static List<Keyframe> hold(double x, double y, double angle, HandShape shape, double seconds) {
        return List.of(new Keyframe(0, x, y, angle, shape), new Keyframe(seconds, x, y, angle, shape));
    }
}
