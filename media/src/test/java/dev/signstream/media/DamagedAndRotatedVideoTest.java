package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video as people's devices and tools leave it: a file cut off while it was copied ends with a
 * message saying how far it got of how long, not as a short clip; a phone video recorded upright
 * (frames stored sideways, a display matrix saying how to turn them) comes out upright, as FFmpeg's
 * players show it. Both readers ({@link VideoInput} and {@link VideoReader}) read through the same
 * {@link FfmpegReader}, so both behave so.
 */
class DamagedAndRotatedVideoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aFaststartMp4CutMidDataEndsWithHowFarItGotOfHowLong() throws Exception {
        // Given a 5 s faststart MP4 (index first, as web and phone exports are) cut after 40 % of its bytes
        Path file = cutFile();

        // When it is read to its end
        int frames = 0;
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 64, TIMEOUT)) {
            RgbFrame frame = new RgbFrame(64, 64);
            try {
                while (input.read(frame)) {
                    frames++;
                }
                throw new AssertionError("a truncated file read as a complete one of " + frames + " frames");
            } catch (MediaException e) {
                // Then the end says the file is cut, how far it got and of how long
                assertThat(e.getMessage()).startsWith("video file " + file + " is truncated: its video stops at ")
                        .contains("of the 5.00 s it declares (" + frames + " of 75 frames)");
                assertThat(frames).isBetween(5, 60);
            }
        }
    }

    @Test
    void theFileReaderReportsACutFileToo() throws Exception {
        Path file = cutFile();

        assertThatThrownBy(() -> VideoReader.readAll(file, 64, 64))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith("video file " + file + " is truncated: its video stops at ")
                .hasMessageContaining("of the 5.00 s it declares (");
    }

    @Test
    void aCompleteFileEndsQuietly() {
        Path file = dir.resolve("whole.mp4");
        try (Mp4Writer writer = Mp4Writer.open(file, 160, 120, Mp4Settings.of(15, 3).withFaststart())) {
            for (int i = 0; i < 20; i++) {
                writer.write(TestPatterns.movingSquare(160, 120, i));
            }
        }
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 64, TIMEOUT)) {
            RgbFrame frame = new RgbFrame(64, 64);
            int frames = 0;
            while (input.read(frame)) {
                frames++;
            }
            assertThat(frames).isEqualTo(20);
        }
    }

    @Test
    void aRotatedVideoComesOutUprightLikeFfmpegShowsIt() {
        // The stored frame's top-left quarter of the centre square is bright. FFmpeg's players turn a
        // frame counter-clockwise by the display matrix's angle (checked against Debian's ffmpeg 5.1:
        // a file with rotation 90 plays as transpose=cclock of its stored frames).
        assertThat(brightQuarter(0)).isEqualTo("top-left");
        assertThat(brightQuarter(90)).isEqualTo("bottom-left");
        assertThat(brightQuarter(180)).isEqualTo("bottom-right");
        assertThat(brightQuarter(270)).isEqualTo("top-right");
    }

    @Test
    void aRotatedVideoReportsItsShownSize() {
        Path file = write("portrait.mp4", 90);
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 64, TIMEOUT)) {
            assertThat(input.orientation().degrees()).isEqualTo(90);
            assertThat(input.sourceWidth()).isEqualTo(240);
            assertThat(input.sourceHeight()).isEqualTo(320);
        }
    }

    @Test
    void theFileReaderTurnsARotatedVideoUprightToo() {
        // stored 320x240, bright at x 40-159 and y 0-119; turned 90 degrees counter-clockwise that
        // is the left half (x 0-119) of rows 160-279 of a 240x320 frame
        Path file = write("portrait.mp4", 90);
        RgbFrame shown = VideoReader.readAll(file, 0, 0).get(0);
        assertThat(shown.width()).isEqualTo(240);
        assertThat(shown.height()).isEqualTo(320);
        assertThat(green(shown, 60, 220)).isGreaterThan(180);
        assertThat(green(shown, 60, 60)).isLessThan(60);
        assertThat(green(shown, 180, 220)).isLessThan(60);

        // a size asked for is the upright one
        RgbFrame half = VideoReader.readAll(file, 120, 160).get(0);
        assertThat(half.width()).isEqualTo(120);
        assertThat(half.height()).isEqualTo(160);
        assertThat(green(half, 30, 110)).isGreaterThan(180);
        assertThat(green(half, 90, 110)).isLessThan(60);
    }

    @Test
    void javaCvsGuessAboutSetFormatIsDropped() {
        String reason = FfmpegErrors.reason(new FrameGrabber.Exception(
                "avformat_open_input() error: Could not open input \"clip.mp4\". (Has setFormat() been called?)"));
        assertThat(reason).isEqualTo("avformat_open_input() error: Could not open input \"clip.mp4\".");
    }

    private String brightQuarter(int rotation) {
        Path file = write("rotated-" + rotation + ".mp4", rotation);
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 64, TIMEOUT)) {
            RgbFrame frame = new RgbFrame(64, 64);
            assertThat(input.read(frame)).isTrue();
            String brightest = null;
            int best = -1;
            for (String quarter : new String[] {"top-left", "top-right", "bottom-left", "bottom-right"}) {
                int x0 = quarter.endsWith("left") ? 0 : 32;
                int y0 = quarter.startsWith("top") ? 0 : 32;
                int sum = 0;
                for (int y = y0 + 4; y < y0 + 28; y++) {
                    for (int x = x0 + 4; x < x0 + 28; x++) {
                        sum += frame.rgbAt(x, y) >> 8 & 0xFF;
                    }
                }
                if (sum > best) {
                    best = sum;
                    brightest = quarter;
                }
            }
            return brightest;
        }
    }

    private static int green(RgbFrame frame, int x, int y) {
        return frame.rgbAt(x, y) >> 8 & 0xFF;
    }

    /** A 5 s, 75-frame faststart MP4 cut after 40 % of its bytes. */
    private Path cutFile() throws IOException {
        Path file = dir.resolve("cut.mp4");
        try (Mp4Writer writer = Mp4Writer.open(file, 160, 120, Mp4Settings.of(15, 3).withFaststart())) {
            for (int i = 0; i < 75; i++) {
                writer.write(TestPatterns.movingSquare(160, 120, i));
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) * 4 / 10);
        }
        return file;
    }

    /** 320x240 frames whose centre square's top-left quarter is bright, with a display rotation. */
    private Path write(String name, int rotation) {
        Path file = dir.resolve(name);
        RgbFrame frame = new RgbFrame(320, 240);
        byte[] p = frame.pixels();
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                boolean bright = x >= 40 && x < 160 && y < 120;
                p[(y * 320 + x) * 3 + 1] = (byte) (bright ? 230 : 20);
            }
        }
        try (Mp4Writer writer = Mp4Writer.open(file, 320, 240, Mp4Settings.of(15, 3).withRotation(rotation))) {
            writer.write(frame);
            writer.write(frame);
        }
        return file;
    }
}
