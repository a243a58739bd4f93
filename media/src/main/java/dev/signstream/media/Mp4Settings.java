package dev.signstream.media;

/**
 * How {@link Mp4Writer} encodes: frame rate, MPEG-4 quantiser scale and keyframe interval; and how
 * it lays out the file.
 *
 * @param fps             frames per second written into the container, in (0, 240]
 * @param qscale          fixed quantiser scale of the MPEG-4 Part 2 encoder, 1 (best) to 31 (worst);
 *                        2-4 is visually near-lossless at small sizes, 6-8 shows blocking
 * @param gopFrames       frames between keyframes, at least 1
 * @param faststart       the index ({@code moov}) before the frames, as files made for the web have
 *                        it (players start before the whole file is there); otherwise after them
 * @param rotationDegrees the display matrix's rotation (0, 90, 180, 270), as a phone records
 *                        portrait video: the frames are stored as they are and players turn them
 */
public record Mp4Settings(double fps, int qscale, int gopFrames, boolean faststart, int rotationDegrees) {

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
        if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270 degrees, got " + rotationDegrees);
        }
    }

    /** A keyframe every second, the index at the end, no rotation. */
    public static Mp4Settings of(double fps, int qscale) {
        return new Mp4Settings(fps, qscale, Math.max(1, (int) Math.round(fps)), false, 0);
    }

    /** The same with the index before the frames. */
    public Mp4Settings withFaststart() {
        return new Mp4Settings(fps, qscale, gopFrames, true, rotationDegrees);
    }

    /** The same with a display rotation. */
    public Mp4Settings withRotation(int degrees) {
        return new Mp4Settings(fps, qscale, gopFrames, faststart, degrees);
    }
}
