package dev.signstream.synth.perform;

/** Maps between frame indexes and timeline seconds: frame {@code i} shows time {@code i / fps}. */
public final class FrameClock {

    /** Tolerance so a sign starting exactly on a frame's time includes that frame despite rounding. */
    private static final double EPSILON = 1e-9;

    private FrameClock() {
    }

    public static double timeOf(long frame, double fps) {
        return frame / fps;
    }

    public static long firstFrameAtOrAfter(double seconds, double fps) {
        return (long) Math.ceil(seconds * fps - EPSILON);
    }
}
