package dev.signstream.media;

/**
 * Keeps the frames of a video at a target rate, chosen by their timestamps rather than by
 * counting, so variable-frame-rate sources, dropped camera frames and odd rates (25, 29.97, 60)
 * all come out at the target rate on average.
 *
 * <p>The sampler lays a grid of slots {@code 1/fps} apart, anchored at the first frame, and keeps
 * the first frame at or after each slot. After a gap longer than one slot (a stalled camera) the
 * grid re-anchors at the next kept frame instead of keeping a burst of frames to catch up. It
 * never duplicates frames: a source slower than the target keeps every frame. Not thread-safe.
 */
public final class FrameSampler {

    private final double fps;
    private final double intervalMicros;
    /** Absorbs timestamp rounding: a 30 fps frame at 66,666 us must fill the 15 fps slot at 66,666.7 us. */
    private final double toleranceMicros;
    private double nextSlot;
    private long lastKept;
    private boolean started;

    /** @param fps target rate, in (0, 240] */
    public FrameSampler(double fps) {
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("target fps must be in (0, 240], got " + fps);
        }
        this.fps = fps;
        this.intervalMicros = 1_000_000.0 / fps;
        this.toleranceMicros = intervalMicros / 100;
    }

    public double fps() {
        return fps;
    }

    /**
     * Decides whether the frame with this timestamp is kept. Timestamps must not decrease; a
     * frame with the same timestamp as the last kept one is skipped.
     */
    public boolean keep(long timestampMicros) {
        if (!started) {
            started = true;
            return kept(timestampMicros, timestampMicros + intervalMicros);
        }
        if (timestampMicros < lastKept) {
            throw new IllegalArgumentException("timestamps must not decrease: " + timestampMicros
                    + " us after " + lastKept + " us");
        }
        if (timestampMicros == lastKept || timestampMicros + toleranceMicros < nextSlot) {
            return false;
        }
        double following = nextSlot + intervalMicros;
        // Past the following slot too: a gap. Re-anchor rather than keep a burst of frames.
        return kept(timestampMicros, following <= timestampMicros + toleranceMicros
                ? timestampMicros + intervalMicros : following);
    }

    private boolean kept(long timestampMicros, double slotAfter) {
        lastKept = timestampMicros;
        nextSlot = slotAfter;
        return true;
    }
}
