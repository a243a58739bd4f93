package dev.signstream.synth.render;

/**
 * Two-bone inverse kinematics for an arm in the picture plane: given shoulder and wrist, finds the
 * elbow, bending it away from the body. A wrist beyond reach is placed at full stretch towards the
 * target (the vocabulary is designed so that this does not happen; a test checks it).
 */
final class ArmSolver {

    private ArmSolver() {
    }

    /**
     * Writes the elbow into {@code out[0..1]} and the wrist actually reached into {@code out[2..3]}.
     *
     * @param side +1 for an arm on the +x side of the body, -1 for the other; the elbow bends that way
     */
    static void solve(double sx, double sy, double wx, double wy, double upper, double fore, double side, double[] out) {
        double dx = wx - sx;
        double dy = wy - sy;
        double d = Math.hypot(dx, dy);
        double max = upper + fore - 1e-6;
        double min = Math.abs(upper - fore) + 1e-6;
        if (d > max) {
            wx = sx + dx / d * max;
            wy = sy + dy / d * max;
            d = max;
        } else if (d < min) {
            double ux = d > 1e-9 ? dx / d : 0;
            double uy = d > 1e-9 ? dy / d : 1;
            wx = sx + ux * min;
            wy = sy + uy * min;
            d = min;
        }
        double ux = (wx - sx) / d;
        double uy = (wy - sy) / d;
        // distance along the shoulder-wrist line to the elbow's foot, and the elbow's offset from it
        double a = (upper * upper - fore * fore + d * d) / (2 * d);
        double h = Math.sqrt(Math.max(0, upper * upper - a * a));
        double px = sx + ux * a;
        double py = sy + uy * a;
        // the two candidates lie on either side of the line; take the one further out on this side
        double e1x = px - uy * h;
        double e1y = py + ux * h;
        double e2x = px + uy * h;
        double e2y = py - ux * h;
        boolean first = side * e1x > side * e2x || (side * e1x == side * e2x && e1y > e2y);
        out[0] = first ? e1x : e2x;
        out[1] = first ? e1y : e2y;
        out[2] = wx;
        out[3] = wy;
    }
}
