package dev.signstream.inference.frames;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Decodes a chunk's frame payloads (JPEG or raw RGB24) into a {@link FrameBlock} as float RGB in
 * [0, 1], the model's input. JPEGs decode into one reused image through ImageIO's reader with a
 * fixed destination; raw frames convert straight from the payload. Anything unusable raises
 * {@link BadFramesException}, including JPEGs the reader only warns about (truncated data).
 *
 * <p>One decoder per thread: it owns the reader and the image it decodes into.
 */
public final class FrameDecoder {

    /** {@code v / 255f} for every byte value: the same float32 division as training's input scaling. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    private final int width;
    private final int height;
    private final ImageReader jpegReader;
    private final BufferedImage jpegTarget;
    private final byte[] jpegPixels;
    private final ImageReadParam jpegParam;
    private final WarningCollector warnings = new WarningCollector();

    /** A decoder for frames of the model's input size. */
    public FrameDecoder(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO JPEG reader");
        }
        this.jpegReader = readers.next();
        this.jpegReader.addIIOReadWarningListener(warnings);
        this.jpegTarget = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.jpegPixels = ((DataBufferByte) jpegTarget.getRaster().getDataBuffer()).getData();
        this.jpegParam = jpegReader.getDefaultReadParam();
        this.jpegParam.setDestination(jpegTarget);
    }

    /**
     * Replaces the block's content with a chunk's frames.
     *
     * @param format         JPEG or raw RGB24
     * @param frameWidth     the width the chunk declares
     * @param frameHeight    the height the chunk declares
     * @param payloads       one payload per frame (read from position to limit; positions are not moved)
     * @param captureTimesUs one capture time per frame, increasing
     * @param into           the block to fill; it must have this decoder's size
     * @throws BadFramesException if the chunk cannot be used; the block is then left empty
     */
    public void decode(FrameFormat format, int frameWidth, int frameHeight, List<ByteBuffer> payloads,
            List<Long> captureTimesUs, FrameBlock into) {
        checkBlock(into);
        into.clear();
        try {
            if (frameWidth != width || frameHeight != height) {
                throw new BadFramesException("chunk frames are " + frameWidth + "x" + frameHeight + ", the model needs "
                        + width + "x" + height, -1);
            }
            if (payloads.isEmpty()) {
                throw new BadFramesException("chunk holds no frames", -1);
            }
            if (payloads.size() != captureTimesUs.size()) {
                throw new BadFramesException("chunk holds " + payloads.size() + " frames but " + captureTimesUs.size()
                        + " capture times", -1);
            }
            if (payloads.size() > into.capacity()) {
                throw new BadFramesException("chunk holds " + payloads.size() + " frames, at most " + into.capacity()
                        + " are accepted", -1);
            }
            for (int i = 0; i < payloads.size(); i++) {
                Long time = captureTimesUs.get(i);
                if (time == null) {
                    throw new BadFramesException("frame " + i + " has no capture time", i);
                }
                ByteBuffer payload = payloads.get(i);
                if (payload == null) {
                    throw new BadFramesException("frame " + i + " has no payload", i);
                }
                if (format == FrameFormat.JPEG) {
                    appendJpeg(payload, time, into);
                } else {
                    appendRaw(payload, time, into);
                }
            }
        } catch (BadFramesException e) {
            into.clear();
            throw e;
        }
    }

    /**
     * Appends one packed RGB24 frame of this decoder's size (e.g. from a video file) to the block.
     *
     * @throws BadFramesException if the array has the wrong size, the block is full or the time is not increasing
     */
    public void appendRgb(byte[] rgb, long captureTimeUs, FrameBlock into) {
        checkBlock(into);
        appendRaw(ByteBuffer.wrap(rgb), captureTimeUs, into);
    }

    private void appendRaw(ByteBuffer payload, long captureTimeUs, FrameBlock into) {
        int expected = width * height * 3;
        if (payload.remaining() != expected) {
            throw new BadFramesException("raw RGB24 frame " + into.count() + " holds " + payload.remaining()
                    + " bytes, a " + width + "x" + height + " frame needs " + expected, into.count());
        }
        int frame = into.append(captureTimeUs);
        FloatBuffer out = into.pixels();
        int base = frame * expected;
        int start = payload.position();
        if (payload.hasArray()) {
            byte[] source = payload.array();
            int offset = payload.arrayOffset() + start;
            for (int i = 0; i < expected; i++) {
                out.put(base + i, UNIT[source[offset + i] & 0xFF]);
            }
        } else {
            for (int i = 0; i < expected; i++) {
                out.put(base + i, UNIT[payload.get(start + i) & 0xFF]);
            }
        }
    }

    private void appendJpeg(ByteBuffer payload, long captureTimeUs, FrameBlock into) {
        int index = into.count();
        warnings.clear();
        try (ByteBufferImageInputStream input = new ByteBufferImageInputStream(payload)) {
            jpegReader.setInput(input, true, true);
            int w = jpegReader.getWidth(0);
            int h = jpegReader.getHeight(0);
            if (w != width || h != height) {
                throw new BadFramesException("JPEG frame " + index + " is " + w + "x" + h + ", the chunk declares "
                        + width + "x" + height, index);
            }
            jpegReader.read(0, jpegParam);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadFramesException bad) {
                throw bad;
            }
            throw new BadFramesException("JPEG frame " + index + " cannot be decoded: " + e.getMessage(), index, e);
        } finally {
            jpegReader.setInput(null);
        }
        if (warnings.first != null) {
            throw new BadFramesException("JPEG frame " + index + " is damaged: " + warnings.first, index);
        }
        int frame = into.append(captureTimeUs);
        FloatBuffer out = into.pixels();
        int base = frame * width * height * 3;
        byte[] bgr = jpegPixels;
        for (int i = 0; i < bgr.length; i += 3) {
            out.put(base + i, UNIT[bgr[i + 2] & 0xFF]);
            out.put(base + i + 1, UNIT[bgr[i + 1] & 0xFF]);
            out.put(base + i + 2, UNIT[bgr[i] & 0xFF]);
        }
    }

    private void checkBlock(FrameBlock into) {
        if (into.width() != width || into.height() != height) {
            throw new IllegalArgumentException("frame block is " + into.width() + "x" + into.height()
                    + ", this decoder makes " + width + "x" + height);
        }
    }

    /** ImageIO reports truncated or damaged JPEG data as warnings, not exceptions: keep the first. */
    private static final class WarningCollector implements IIOReadWarningListener {
        private String first;

        void clear() {
            first = null;
        }

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (first == null) {
                first = warning;
            }
        }
    }
}
