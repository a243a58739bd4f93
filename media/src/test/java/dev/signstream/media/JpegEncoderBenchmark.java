package dev.signstream.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Compares the JDK ImageIO JPEG writer with FFmpeg's mjpeg encoder at model sizes: time per frame,
 * bytes per frame and PSNR against the source. Run from the repository root:
 * <pre>
 * mvn -B -q -pl media -am test-compile
 * mvn -B -q -pl media exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.signstream.media.JpegEncoderBenchmark
 * </pre>
 */
public final class JpegEncoderBenchmark {

    private static final int FRAMES = 3000;

    private JpegEncoderBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("| encoder | size | setting | CPU us/frame | bytes/frame | PSNR dB |");
        System.out.println("|---|---|---|---|---|---|");
        for (int size : new int[] {112, 172}) {
            RgbFrame[] frames = new RgbFrame[30];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = TestPatterns.movingSquare(size, size, i);
                addNoise(frames[i], i);
            }
            for (int quality : new int[] {75, 85, 95}) {
                try (ImageIoJpegEncoder encoder = new ImageIoJpegEncoder(quality)) {
                    run("ImageIO", size, "q" + quality, frames, encoder::encode);
                }
            }
            for (int qscale : new int[] {2, 3, 4, 6}) {
                try (JpegEncoder encoder = new JpegEncoder(size, size, qscale)) {
                    run("FFmpeg mjpeg", size, "qscale " + qscale, frames, encoder::encode);
                }
            }
        }
    }

    /** Camera-like grain so the encoders do not profit from flat synthetic areas. */
    private static void addNoise(RgbFrame frame, int seed) {
        byte[] p = frame.pixels();
        long state = 0x9E3779B97F4A7C15L * (seed + 1);
        for (int i = 0; i < p.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            int v = (p[i] & 0xFF) + (int) (state & 7) - 3;
            p[i] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    private interface Encoder {
        byte[] encode(RgbFrame frame);
    }

    private static void run(String name, int size, String setting, RgbFrame[] frames, Encoder encoder) {
        for (int i = 0; i < 300; i++) {
            encoder.encode(frames[i % frames.length]);
        }
        long bytes = 0;
        // CPU time of this thread, not wall time: the build machine is shared and busy.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < FRAMES; i++) {
            bytes += encoder.encode(frames[i % frames.length]).length;
        }
        double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / FRAMES;
        double psnr = TestPatterns.psnr(frames[3], decode(encoder.encode(frames[3]), size));
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.0f | %d | %.1f |%n", name, size, setting, micros,
                bytes / FRAMES, psnr);
    }

    private static RgbFrame decode(byte[] jpeg, int size) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            RgbFrame frame = new RgbFrame(size, size);
            byte[] p = frame.pixels();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = image.getRGB(x, y);
                    int i = (y * size + x) * 3;
                    p[i] = (byte) (rgb >> 16);
                    p[i + 1] = (byte) (rgb >> 8);
                    p[i + 2] = (byte) rgb;
                }
            }
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
