package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.inference.frames.BadFramesException;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.frames.FrameFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** JPEG and raw RGB payloads to float input, and every way a chunk can be unusable. */
class FrameDecoderTest {

    private static final int W = 16;
    private static final int H = 12;
    private final FrameDecoder decoder = new FrameDecoder(W, H);
    private final FrameBlock block = new FrameBlock(W, H, 4);

    private static byte[] gradient(int shift) {
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 5 + shift);
        }
        return rgb;
    }

    /** Red grows along x, green along y, blue constant: smooth, so JPEG keeps it closely. */
    private static byte[] smooth() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = (y * W + x) * 3;
                rgb[i] = (byte) (x * 15);
                rgb[i + 1] = (byte) (y * 20);
                rgb[i + 2] = (byte) 200;
            }
        }
        return rgb;
    }

    private static byte[] jpeg(byte[] rgb, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void rawRgbBecomesFloatsOverTwoHundredFiftyFive() {
        byte[] a = gradient(0);
        byte[] b = gradient(7);
        decoder.decode(FrameFormat.RAW_RGB24, W, H, List.of(ByteBuffer.wrap(a), ByteBuffer.wrap(b)), List.of(100L, 200L),
                block);
        assertThat(block.count()).isEqualTo(2);
        assertThat(block.firstCaptureTimeUs()).isEqualTo(100L);
        assertThat(block.lastCaptureTimeUs()).isEqualTo(200L);
        int n = W * H * 3;
        for (int i = 0; i < n; i++) {
            assertThat(block.pixel(i)).isEqualTo((a[i] & 0xFF) / 255f);
            assertThat(block.pixel(n + i)).isEqualTo((b[i] & 0xFF) / 255f);
        }
    }

    @Test
    void jpegDecodesToTheSamePixelsAsImageIoInRgbOrder() throws IOException {
        byte[] source = smooth();
        byte[] jpeg = jpeg(source, W, H);
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));

        // a buffer with an offset, as a slice of a larger record would be
        byte[] padded = new byte[jpeg.length + 10];
        System.arraycopy(jpeg, 0, padded, 5, jpeg.length);
        ByteBuffer payload = ByteBuffer.wrap(padded, 5, jpeg.length).slice();
        decoder.decode(FrameFormat.JPEG, W, H, List.of(payload), List.of(1L), block);

        assertThat(block.count()).isEqualTo(1);
        double error = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb = reference.getRGB(x, y);
                int i = (y * W + x) * 3;
                assertThat(block.pixel(i)).isEqualTo(((rgb >> 16) & 0xFF) / 255f);
                assertThat(block.pixel(i + 1)).isEqualTo(((rgb >> 8) & 0xFF) / 255f);
                assertThat(block.pixel(i + 2)).isEqualTo((rgb & 0xFF) / 255f);
                for (int c = 0; c < 3; c++) {
                    error += Math.abs(block.pixel(i + c) - (source[i + c] & 0xFF) / 255f);
                }
            }
        }
        // channels in RGB order: swapping red and blue would be off by ~0.5 on average
        assertThat(error / (W * H * 3)).as("mean JPEG error").isLessThan(0.03);
        assertThat(payload.position()).as("payload position untouched").isZero();
    }

    @Test
    void corruptJpegRaisesTheDeadLetterException() throws IOException {
        byte[] jpeg = jpeg(gradient(1), W, H);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        byte[] garbage = new byte[300];
        new Random(1).nextBytes(garbage);

        assertThatThrownBy(() -> decoder.decode(FrameFormat.JPEG, W, H,
                List.of(ByteBuffer.wrap(jpeg), ByteBuffer.wrap(truncated)), List.of(1L, 2L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("JPEG frame 1")
                .extracting(e -> ((BadFramesException) e).frameIndex()).isEqualTo(1);
        assertThat(block.count()).as("a failed chunk leaves the block empty").isZero();
        assertThatThrownBy(() -> decoder.decode(FrameFormat.JPEG, W, H, List.of(ByteBuffer.wrap(garbage)), List.of(1L),
                block)).isInstanceOf(BadFramesException.class).hasMessageContaining("JPEG frame 0");
        assertThatThrownBy(() -> decoder.decode(FrameFormat.JPEG, W, H, List.of(ByteBuffer.allocate(0)), List.of(1L),
                block)).isInstanceOf(BadFramesException.class);
        // and the decoder still works afterwards
        decoder.decode(FrameFormat.JPEG, W, H, List.of(ByteBuffer.wrap(jpeg)), List.of(1L), block);
        assertThat(block.count()).isEqualTo(1);
    }

    @Test
    void jpegOfAnotherSizeIsRefused() throws IOException {
        byte[] big = jpeg(new byte[(W * 2) * H * 3], W * 2, H);
        assertThatThrownBy(() -> decoder.decode(FrameFormat.JPEG, W, H, List.of(ByteBuffer.wrap(big)), List.of(1L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("is 32x12");
    }

    @Test
    void misSizedOrMiscountedChunksAreRefused() {
        ByteBuffer frame = ByteBuffer.wrap(gradient(0));
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W, H, List.of(ByteBuffer.allocate(10)), List.of(1L),
                block)).isInstanceOf(BadFramesException.class).hasMessageContaining("holds 10 bytes");
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W + 1, H, List.of(frame), List.of(1L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("the model needs 16x12");
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W, H, List.of(frame, frame), List.of(1L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("2 frames but 1 capture times");
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W, H, List.of(), List.of(), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("no frames");
        List<ByteBuffer> five = List.of(frame, frame, frame, frame, frame);
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W, H, five, List.of(1L, 2L, 3L, 4L, 5L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("at most 4");
        assertThatThrownBy(() -> decoder.decode(FrameFormat.RAW_RGB24, W, H, List.of(frame, frame), List.of(5L, 5L), block))
                .isInstanceOf(BadFramesException.class).hasMessageContaining("not after");
        assertThat(block.count()).isZero();
    }
}
