package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RoundTripTest {

    private static final int FRAMES = 20;

    @TempDir
    Path dir;

    private Path write(String name, int width, int height, int qscale) {
        Path file = dir.resolve(name);
        try (Mp4Writer writer = Mp4Writer.open(file, width, height, Mp4Settings.of(15, qscale))) {
            for (int i = 0; i < FRAMES; i++) {
                writer.write(TestPatterns.movingSquare(width, height, i));
            }
            assertThat(writer.framesWritten()).isEqualTo(FRAMES);
        }
        return file;
    }

    @Test
    void decodesWhatWasWrittenWithHighFidelityAndEvenTimestamps() {
        Path file = write("clip.mp4", 112, 112, 2);

        List<RgbFrame> frames = VideoReader.readAll(file, 112, 112);

        assertThat(frames).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(TestPatterns.psnr(TestPatterns.movingSquare(112, 112, i), frames.get(i)))
                    .as("PSNR of frame %d", i).isGreaterThan(30.0);
            assertThat(frames.get(i).timestampMicros()).isCloseTo(Math.round(i * 1_000_000 / 15.0), org.assertj.core.data.Offset.offset(1L));
        }
    }

    @Test
    void sameFramesGiveIdenticalBytes() throws Exception {
        Path first = write("a.mp4", 172, 172, 4);
        Path second = write("b.mp4", 172, 172, 4);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void coarserQuantiserLosesDetailAndBytes() throws Exception {
        Path fine = write("fine.mp4", 112, 112, 2);
        Path coarse = write("coarse.mp4", 112, 112, 12);

        assertThat(Files.size(coarse)).isLessThan(Files.size(fine));
        RgbFrame original = TestPatterns.movingSquare(112, 112, 5);
        double finePsnr = TestPatterns.psnr(original, VideoReader.readAll(fine, 112, 112).get(5));
        double coarsePsnr = TestPatterns.psnr(original, VideoReader.readAll(coarse, 112, 112).get(5));
        assertThat(coarsePsnr).isLessThan(finePsnr);
    }

    @Test
    void scalesInsideTheDecoderAndKeepsRowsAlignedAtPaddedWidths() {
        // 172 * 3 = 516 bytes per row; FFmpeg pads rows to 576, which the reader must skip.
        Path file = write("wide.mp4", 112, 112, 2);

        List<RgbFrame> frames = VideoReader.readAll(file, 172, 172);

        assertThat(frames).hasSize(FRAMES);
        RgbFrame frame = frames.get(0);
        // the square starts at x=0 on every row from a third of the height: column 5 is bright yellow
        int rgb = frame.rgbAt(5, 172 / 3 + 20);
        assertThat(rgb >> 16 & 0xFF).isGreaterThan(200);
        assertThat(rgb & 0xFF).isLessThan(80);
        // and the far right column is the blue-ish gradient, on every row (no shear from padding)
        for (int y = 0; y < 172; y += 17) {
            assertThat(frame.rgbAt(171, y) & 0xFF).isBetween(100, 140);
        }
    }

    @Test
    void writesNonAsciiFileNames() {
        Path folder = dir.resolve("병원");
        Path file = folder.resolve("test-병원-001.mp4");
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Mp4Writer writer = Mp4Writer.open(file, 64, 64, Mp4Settings.of(15, 3))) {
            writer.write(TestPatterns.movingSquare(64, 64, 0));
        }

        assertThat(VideoReader.readAll(file, 0, 0)).hasSize(1);
        try (var listing = Files.list(folder)) {
            assertThat(listing).containsExactly(file.toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertThatThrownBy(() -> Mp4Writer.open(dir.resolve("odd.mp4"), 111, 112, Mp4Settings.of(15, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
        assertThatThrownBy(() -> Mp4Writer.open(dir.resolve("missing/x.mp4"), 64, 64, Mp4Settings.of(15, 3)))
                .isInstanceOf(MediaException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Mp4Settings.of(15, 0)).hasMessageContaining("qscale");
        try (Mp4Writer writer = Mp4Writer.open(dir.resolve("short.mp4"), 64, 64, Mp4Settings.of(15, 3))) {
            assertThatThrownBy(() -> writer.write(new byte[10])).hasMessageContaining("expected 12288 bytes");
            writer.write(TestPatterns.movingSquare(64, 64, 0));
        }
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("nope.mp4"), 64, 64))
                .isInstanceOf(MediaException.class)
                .hasMessage("video file " + dir.resolve("nope.mp4") + " does not exist");
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("short.mp4"), 64, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyWriterCreatesNoFile() throws Exception {
        Path file = dir.resolve("empty.mp4");
        Mp4Writer writer = Mp4Writer.open(file, 64, 64, Mp4Settings.of(15, 3));

        assertThatThrownBy(writer::close).isInstanceOf(MediaException.class).hasMessageContaining("no frames");
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void garbageIsRejectedAsVideo() throws Exception {
        Path file = dir.resolve("garbage.mp4");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> VideoReader.open(file, 64, 64))
                .isInstanceOf(MediaException.class).hasMessageContaining("garbage.mp4");
    }
}
