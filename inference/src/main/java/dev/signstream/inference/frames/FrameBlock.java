package dev.signstream.inference.frames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Up to {@code capacity} frames of one chunk as model input, {@code [T, H, W, 3]} float RGB in
 * [0, 1], with their capture times. The pixels live in a direct buffer that ONNX Runtime reads in
 * place when a chunk runs alone. Reused from chunk to chunk: {@link FrameDecoder} overwrites it, so
 * per-frame work allocates nothing here. Not thread-safe.
 */
public final class FrameBlock {

    private final int width;
    private final int height;
    private final int capacity;
    private final FloatBuffer pixels;
    private final long[] captureTimesUs;
    private int count;

    public FrameBlock(int width, int height, int capacity) {
        if (width <= 0 || height <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("frame block needs positive size and capacity, got " + width + "x"
                    + height + " x " + capacity);
        }
        this.width = width;
        this.height = height;
        this.capacity = capacity;
        int floats = Math.multiplyExact(capacity, floatsPerFrame(width, height));
        this.pixels = ByteBuffer.allocateDirect(Math.multiplyExact(floats, 4)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.captureTimesUs = new long[capacity];
    }

    static int floatsPerFrame(int width, int height) {
        return Math.multiplyExact(Math.multiplyExact(width, height), 3);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int capacity() {
        return capacity;
    }

    /** Frames currently held. */
    public int count() {
        return count;
    }

    public int floatsPerFrame() {
        return width * height * 3;
    }

    /**
     * The backing direct buffer (not a copy; read it with absolute gets, never move its position);
     * the first {@code count() * floatsPerFrame()} floats are valid.
     */
    public FloatBuffer pixels() {
        return pixels;
    }

    /** One float of the pixels: frame {@code index / floatsPerFrame()}, row-major RGB within it. */
    public float pixel(int index) {
        if (index < 0 || index >= count * floatsPerFrame()) {
            throw new IndexOutOfBoundsException("pixel float " + index + " of " + count + " frames");
        }
        return pixels.get(index);
    }

    public long captureTimeUs(int frame) {
        if (frame < 0 || frame >= count) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + count);
        }
        return captureTimesUs[frame];
    }

    public long firstCaptureTimeUs() {
        return captureTimeUs(0);
    }

    public long lastCaptureTimeUs() {
        return captureTimeUs(count - 1);
    }

    /** Empties the block (the arrays are kept). */
    public void clear() {
        count = 0;
    }

    /** Reserves the next frame slot and returns its index; the caller fills its pixels. */
    int append(long captureTimeUs) {
        if (count == capacity) {
            throw new BadFramesException("a chunk may hold at most " + capacity + " frames", count);
        }
        if (count > 0 && captureTimeUs <= captureTimesUs[count - 1]) {
            throw new BadFramesException("capture time " + captureTimeUs + " us of frame " + count
                    + " is not after the previous frame's " + captureTimesUs[count - 1] + " us", count);
        }
        captureTimesUs[count] = captureTimeUs;
        return count++;
    }

    /** Drops the most recent frame (its decoding failed). */
    void dropLast() {
        count--;
    }
}
