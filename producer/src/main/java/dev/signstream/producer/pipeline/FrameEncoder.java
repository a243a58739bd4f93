package dev.signstream.producer.pipeline;

import dev.signstream.media.JpegEncoder;
import dev.signstream.media.RgbFrame;
import dev.signstream.schemas.avro.FrameEncoding;

/**
 * Turns a decoded frame into the bytes a chunk carries. One encoder per capture thread (the JPEG
 * one holds native buffers); close it when the session ends.
 */
public interface FrameEncoder extends AutoCloseable {

    /** The encoding written into the chunks. */
    FrameEncoding encoding();

    /** Encodes {@code width * height * 3} bytes of packed RGB24; the result is a new array. */
    byte[] encode(RgbFrame frame);

    /** Same, from a bare RGB24 buffer of the encoder's size (for renderers that fill a byte array). */
    byte[] encode(byte[] rgb);

    @Override
    void close();

    /**
     * An encoder for square frames of one size.
     *
     * @param encoding JPEG or RAW_RGB24
     * @param size     frame side in pixels
     * @param qscale   JPEG quantiser scale (2 best .. 31 smallest); ignored for raw
     */
    static FrameEncoder create(FrameEncoding encoding, int size, int qscale) {
        return switch (encoding) {
            case JPEG -> new Jpeg(size, qscale);
            case RAW_RGB24 -> new Raw(size);
            default -> throw new IllegalArgumentException("cannot encode frames as " + encoding);
        };
    }

    /** JPEG through FFmpeg's mjpeg encoder. */
    final class Jpeg implements FrameEncoder {
        private final JpegEncoder jpeg;

        Jpeg(int size, int qscale) {
            this.jpeg = new JpegEncoder(size, size, qscale);
        }

        @Override
        public FrameEncoding encoding() {
            return FrameEncoding.JPEG;
        }

        @Override
        public byte[] encode(RgbFrame frame) {
            return jpeg.encode(frame);
        }

        @Override
        public byte[] encode(byte[] rgb) {
            return jpeg.encode(rgb);
        }

        @Override
        public void close() {
            jpeg.close();
        }
    }

    /** Packed RGB24 as is: one copy per frame, since the source reuses its buffer. */
    final class Raw implements FrameEncoder {
        private final int bytes;

        Raw(int size) {
            this.bytes = size * size * 3;
        }

        @Override
        public FrameEncoding encoding() {
            return FrameEncoding.RAW_RGB24;
        }

        @Override
        public byte[] encode(RgbFrame frame) {
            return encode(frame.pixels());
        }

        @Override
        public byte[] encode(byte[] rgb) {
            if (rgb.length != bytes) {
                throw new IllegalArgumentException("expected " + bytes + " bytes of RGB24, got " + rgb.length);
            }
            return rgb.clone();
        }

        @Override
        public void close() {
            // nothing native
        }
    }
}
