package dev.signstream.bench.runtime;

import dev.signstream.bench.measure.MeasuredLoop;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.frames.FrameFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/** {@link FrameDecoder} on chunks of JPEG or raw frames of the model's size, into one reused block. */
final class FrameDecodeLoop extends MeasuredLoop {

    private final FrameDecoder decoder;
    private final FrameBlock block;
    private final FrameFormat format;
    private final List<ByteBuffer> payloads = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<ByteBuffer> frames = Collections.unmodifiableList(payloads);
    private final int width;
    private final int height;

    FrameDecodeLoop(int width, int height, int chunk, FrameFormat format) {
        this.width = width;
        this.height = height;
        this.decoder = new FrameDecoder(width, height);
        this.block = new FrameBlock(width, height, chunk);
        this.format = format;
        for (int i = 0; i < chunk; i++) {
            byte[] rgb = scene(i);
            payloads.add(ByteBuffer.wrap(format == FrameFormat.JPEG ? jpeg(rgb) : rgb));
            times.add(66_667L * i);
        }
    }

    /** Mean payload size in bytes. */
    double payloadBytes() {
        return payloads.stream().mapToInt(ByteBuffer::remaining).average().orElse(0);
    }

    @Override
    protected long call() {
        decoder.decode(format, width, height, frames, times, block);
        return payloads.size();
    }

    /** A smooth moving gradient with a bright disc: compresses like a camera frame, not like noise. */
    private byte[] scene(int t) {
        byte[] rgb = new byte[width * height * 3];
        int cx = width / 3 + 2 * t;
        int cy = height / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < width * width / 36;
                rgb[i] = (byte) (disc ? 240 : 60 + x / 2);
                rgb[i + 1] = (byte) (disc ? 200 : 50 + y / 2);
                rgb[i + 2] = (byte) (disc ? 180 : 90);
            }
        }
        return rgb;
    }

    private byte[] jpeg(byte[] rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
