package dev.signstream.media;

/**
 * One image as packed RGB24 (row-major, 3 bytes per pixel, no row padding) plus a timestamp.
 *
 * <p>Frames are mutable on purpose: per-frame paths (decoding, rendering, encoding) reuse one
 * frame instead of allocating a new pixel array for every image. {@link #pixels()} returns the
 * backing array itself, not a copy.
 */
public final class RgbFrame {

    private final int width;
    private final int height;
    private final byte[] pixels;
    private long timestampMicros;

    /** A black frame of the given size. */
    public RgbFrame(int width, int height) {
        this(width, height, new byte[checkedSize(width, height)]);
    }

    private RgbFrame(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Wraps an existing packed RGB24 array of exactly {@code width * height * 3} bytes. */
    public static RgbFrame wrap(int width, int height, byte[] pixels) {
        int size = checkedSize(width, height);
        if (pixels == null || pixels.length != size) {
            throw new IllegalArgumentException("an RGB24 frame of " + width + "x" + height + " needs "
                    + size + " bytes, got " + (pixels == null ? "null" : pixels.length));
        }
        return new RgbFrame(width, height, pixels);
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        long size = 3L * width * height;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame too large: " + width + "x" + height);
        }
        return (int) size;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Bytes per row: {@code width * 3}. */
    public int rowBytes() {
        return width * 3;
    }

    /** The backing array (not a copy): {@code width * height * 3} bytes, RGB order. */
    public byte[] pixels() {
        return pixels;
    }

    /** Presentation or capture time of the frame in microseconds; its origin depends on the source. */
    public long timestampMicros() {
        return timestampMicros;
    }

    public void setTimestampMicros(long timestampMicros) {
        this.timestampMicros = timestampMicros;
    }

    /** A deep copy (pixels and timestamp). */
    public RgbFrame copy() {
        RgbFrame copy = new RgbFrame(width, height, pixels.clone());
        copy.timestampMicros = timestampMicros;
        return copy;
    }

    /** Red, green and blue of one pixel packed as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel " + x + "," + y + " outside " + width + "x" + height);
        }
        int i = (y * width + x) * 3;
        return (pixels[i] & 0xFF) << 16 | (pixels[i + 1] & 0xFF) << 8 | (pixels[i + 2] & 0xFF);
    }
}
