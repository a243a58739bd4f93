package dev.signstream.producer;

import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import dev.signstream.media.RgbFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Test videos whose frames say which source frame they are, and where the centre crop lies. */
final class TestVideos {

    private TestVideos() {
    }

    /**
     * Frame {@code index} as two grey halves: left = 10 + 8 * (index % 30), right = 10 + 8 *
     * (index / 30). The halves survive any centre crop, scaling and JPEG, so a decoded frame tells
     * its source index ({@link #indexOf}).
     */
    static RgbFrame indexed(int width, int height, int index) {
        RgbFrame frame = new RgbFrame(width, height);
        byte left = (byte) (10 + 8 * (index % 30));
        byte right = (byte) (10 + 8 * (index / 30));
        byte[] p = frame.pixels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                byte v = x < width / 2 ? left : right;
                int i = (y * width + x) * 3;
                p[i] = v;
                p[i + 1] = v;
                p[i + 2] = v;
            }
        }
        return frame;
    }

    /** The source index an {@link #indexed} frame shows, read from block means inside each half. */
    static int indexOf(RgbFrame frame) {
        int size = frame.width();
        double left = mean(frame, size / 8, 3 * size / 8);
        double right = mean(frame, 5 * size / 8, 7 * size / 8);
        return (int) Math.round((left - 10) / 8) + 30 * (int) Math.round((right - 10) / 8);
    }

    private static double mean(RgbFrame frame, int fromX, int toX) {
        long sum = 0;
        int n = 0;
        for (int y = frame.height() / 4; y < 3 * frame.height() / 4; y++) {
            for (int x = fromX; x < toX; x++) {
                sum += frame.rgbAt(x, y) >> 8 & 0xFF;
                n++;
            }
        }
        return (double) sum / n;
    }

    /**
     * A frame whose centre square is split into 4x4 bands (red high in odd column bands, green high
     * in odd row bands) and whose outside is blue: after a correct cover crop, band edges sit at
     * multiples of size/4 and no blue shows ({@link #assertBands}).
     */
    static RgbFrame bands(int width, int height) {
        RgbFrame frame = new RgbFrame(width, height);
        int side = Math.min(width, height);
        int left = (width - side) / 2;
        int top = (height - side) / 2;
        byte[] p = frame.pixels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                if (x >= left && x < left + side && y >= top && y < top + side) {
                    p[i] = (byte) ((x - left) * 4 / side % 2 == 1 ? 230 : 20);
                    p[i + 1] = (byte) ((y - top) * 4 / side % 2 == 1 ? 230 : 20);
                } else {
                    p[i + 2] = (byte) 230;
                }
            }
        }
        return frame;
    }

    /**
     * Number of pixels of a decoded frame that break the band layout: 0 when the crop is within
     * one pixel of the centre square. Levels are 20 and 230; 60 of slack absorbs JPEG's chroma
     * smear next to an edge.
     */
    static int bandErrors(RgbFrame frame) {
        int size = frame.width();
        int band = size / 4;
        int errors = 0;
        // the outermost pixels blend with what lies just outside the crop; edges between bands blur
        for (int y = 2; y < size - 2; y++) {
            for (int x = 2; x < size - 2; x++) {
                boolean nearColumnEdge = Math.abs(x - Math.round((double) x / band) * band) <= 1;
                boolean nearRowEdge = Math.abs(y - Math.round((double) y / band) * band) <= 1;
                int rgb = frame.rgbAt(x, y);
                if (!nearColumnEdge && Math.abs((rgb >> 16 & 0xFF) - (x / band % 2 == 1 ? 230 : 20)) > 60) {
                    errors++;
                } else if (!nearRowEdge && Math.abs((rgb >> 8 & 0xFF) - (y / band % 2 == 1 ? 230 : 20)) > 60) {
                    errors++;
                } else if (!nearColumnEdge && !nearRowEdge && (rgb & 0xFF) > 60) {
                    errors++;
                }
            }
        }
        return errors;
    }

    /** An evenly timed MP4 of {@link #indexed} frames. */
    static Path indexedMp4(Path file, int width, int height, double fps, int frames) {
        try (Mp4Writer writer = Mp4Writer.open(file, width, height, Mp4Settings.of(fps, 2))) {
            for (int i = 0; i < frames; i++) {
                writer.write(indexed(width, height, i));
            }
        }
        return file;
    }

    /** An evenly timed MP4 repeating one {@link #bands} frame. */
    static Path bandsMp4(Path file, int width, int height, double fps, int frames) {
        RgbFrame frame = bands(width, height);
        try (Mp4Writer writer = Mp4Writer.open(file, width, height, Mp4Settings.of(fps, 2))) {
            for (int i = 0; i < frames; i++) {
                writer.write(frame);
            }
        }
        return file;
    }

    /**
     * A variable-frame-rate MP4 of {@link #indexed} frames: frame i is presented at
     * {@code ptsMillis[i]} (millisecond time base).
     */
    static Path variableRateMp4(Path file, int width, int height, long[] ptsMillis) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(1000); // time base 1/1000 s: each frame's pts is its millisecond
        recorder.setVideoQuality(2);
        recorder.setGopSize(30);
        ByteBuffer staging = ByteBuffer.allocateDirect(width * height * 3);
        try {
            recorder.start();
            for (int i = 0; i < ptsMillis.length; i++) {
                staging.clear();
                staging.put(indexed(width, height, i).pixels()).flip();
                recorder.setTimestamp(ptsMillis[i] * 1000);
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, avutil.AV_PIX_FMT_RGB24, staging);
            }
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IllegalStateException("cannot write the variable-rate test video " + file, e);
        }
        return file;
    }

    /** Decodes a JPEG into a frame. */
    static RgbFrame decodeJpeg(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalArgumentException("not a JPEG");
            }
            RgbFrame frame = new RgbFrame(image.getWidth(), image.getHeight());
            byte[] p = frame.pixels();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int i = (y * image.getWidth() + x) * 3;
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

    /** Peak signal-to-noise ratio of b against a, in dB. */
    static double psnr(RgbFrame a, RgbFrame b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xFF) - (y[i] & 0xFF);
            sum += d * d;
        }
        double mse = sum / x.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
