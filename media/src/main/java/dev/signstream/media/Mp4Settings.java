package dev.signstream.media;

/**
 * How {@link Mp4Writer} encodes: frame rate, MPEG-4 quantiser scale and keyframe interval.
 *
 * @param fps        frames per second written into the container, in (0, 240]
 * @param qscale     fixed quantiser scale of the MPEG-4 Part 2 encoder, 1 (best) to 31 (worst);
 *                   2-4 is visually near-lossless at small sizes, 6-8 shows blocking
 * @param gopFrames  frames between keyframes, at least 1
 */
public record Mp4Settings(double fps, int qscale, int gopFrames) {

    public Mp4Settings {
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in (0, 240], got " + fps);
        }
        if (qscale < 1 || qscale > 31) {
            throw new IllegalArgumentException("qscale must be 1..31, got " + qscale);
        }
        if (gopFrames < 1) {
            throw new IllegalArgumentException("gopFrames must be at least 1, got " + gopFrames);
        }
    }

    /** A keyframe every second. */
    public static Mp4Settings of(double fps, int qscale) {
        return new Mp4Settings(fps, qscale, Math.max(1, (int) Math.round(fps)));
    }
}
