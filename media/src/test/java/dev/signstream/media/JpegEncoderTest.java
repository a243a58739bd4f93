package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    private static RgbFrame decode(byte[] jpeg) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        RgbFrame frame = new RgbFrame(image.getWidth(), image.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * image.getWidth() + x) * 3;
                frame.pixels()[i] = (byte) (rgb >> 16);
                frame.pixels()[i + 1] = (byte) (rgb >> 8);
                frame.pixels()[i + 2] = (byte) rgb;
            }
        }
        return frame;
    }

    @Test
    void encodesAJpegThatStandardDecodersReadBackFaithfully() throws Exception {
        try (JpegEncoder encoder = new JpegEncoder(112, 112, JpegEncoder.DEFAULT_QSCALE)) {
            for (int i = 0; i < 5; i++) {
                RgbFrame original = TestPatterns.movingSquare(112, 112, i);

                byte[] jpeg = encoder.encode(original);

                assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
                RgbFrame decoded = decode(jpeg);
                assertThat(decoded.width()).isEqualTo(112);
                assertThat(TestPatterns.psnr(original, decoded)).as("PSNR of frame %d", i).isGreaterThan(30);
            }
        }
    }

    @Test
    void coarserScaleGivesSmallerFilesAndSameInputSameBytes() {
        RgbFrame frame = TestPatterns.movingSquare(172, 172, 3);
        try (JpegEncoder fine = new JpegEncoder(172, 172, 2); JpegEncoder coarse = new JpegEncoder(172, 172, 20)) {
            byte[] first = fine.encode(frame);

            assertThat(coarse.encode(frame).length).isLessThan(first.length);
            assertThat(fine.encode(frame)).isEqualTo(first);
        }
    }

    @Test
    void rejectsBadSettingsAndFramesOfAnotherSize() {
        assertThatThrownBy(() -> new JpegEncoder(112, 112, 1)).hasMessageContaining("qscale must be 2-31");
        assertThatThrownBy(() -> new JpegEncoder(0, 112, 3)).hasMessageContaining("positive");
        try (JpegEncoder encoder = new JpegEncoder(112, 112, 3)) {
            assertThatThrownBy(() -> encoder.encode(new RgbFrame(64, 64))).hasMessageContaining("112x112");
            encoder.close();
            assertThatThrownBy(() -> encoder.encode(new RgbFrame(112, 112))).hasMessageContaining("closed");
        }
    }
}
