package dev.signstream.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The JDK's ImageIO JPEG writer with the writer, image and output buffer reused between frames,
 * kept only so {@link JpegEncoderBenchmark} can compare it with the FFmpeg-based {@link JpegEncoder}.
 */
final class ImageIoJpegEncoder implements AutoCloseable {

    private final int quality;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    private BufferedImage image;
    private byte[] bgr;

    /** @param quality 1 (smallest) to 100 (best) */
    ImageIoJpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1-100, got " + quality);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new MediaException("this JDK has no JPEG image writer");
        }
        this.quality = quality;
        this.writer = writers.next();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
    }

    public int quality() {
        return quality;
    }

    /** Encodes one frame; returns a new array holding exactly the JPEG file. */
    public byte[] encode(RgbFrame frame) {
        BufferedImage target = imageFor(frame.width(), frame.height());
        byte[] rgb = frame.pixels();
        // TYPE_3BYTE_BGR is the writer's fast path; swapping the bytes costs far less than encoding.
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        out.reset();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(target, null, null), param);
        } catch (IOException e) {
            throw new MediaException("JPEG encoding of a " + frame.width() + "x" + frame.height()
                    + " frame failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private BufferedImage imageFor(int width, int height) {
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        }
        return image;
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
