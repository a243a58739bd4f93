package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /**
     * A source whose centre square is split into 4x4 bands (red = odd column band, green = odd row
     * band) and whose outside is blue: after the cover crop, band edges must sit at multiples of
     * size/4 and no blue may show.
     */
    private static RgbFrame bands(int width, int height) {
        RgbFrame frame = new RgbFrame(width, height);
        int side = Math.min(width, height);
        int left = (width - side) / 2;
        int top = (height - side) / 2;
        byte[] p = frame.pixels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean inside = x >= left && x < left + side && y >= top && y < top + side;
                if (inside) {
                    p[i] = (byte) ((x - left) * 4 / side % 2 == 1 ? 230 : 20);
                    p[i + 1] = (byte) ((y - top) * 4 / side % 2 == 1 ? 230 : 20);
                } else {
                    p[i + 2] = (byte) 230;
                }
            }
        }
        return frame;
    }

    private Path video(String name, int width, int height, int frames) {
        Path file = dir.resolve(name);
        RgbFrame frame = bands(width, height);
        try (Mp4Writer writer = Mp4Writer.open(file, width, height, Mp4Settings.of(30, 2))) {
            for (int i = 0; i < frames; i++) {
                writer.write(frame);
            }
        }
        return file;
    }

    private static void assertBands(RgbFrame frame) {
        int size = frame.width();
        int band = size / 4;
        // the outermost pixels blend with what lies just outside the crop; skip them
        for (int y = 2; y < size - 2; y++) {
            for (int x = 2; x < size - 2; x++) {
                int rgb = frame.rgbAt(x, y);
                // skip the pixels a bilinear scaler blends across an edge
                boolean nearColumnEdge = Math.abs(x - Math.round((double) x / band) * band) <= 1;
                boolean nearRowEdge = Math.abs(y - Math.round((double) y / band) * band) <= 1;
                if (!nearColumnEdge) {
                    assertThat(rgb >> 16 & 0xFF).as("red at %d,%d", x, y).isCloseTo(x / band % 2 == 1 ? 230 : 20,
                            org.assertj.core.data.Offset.offset(40));
                }
                if (!nearRowEdge) {
                    assertThat(rgb >> 8 & 0xFF).as("green at %d,%d", x, y).isCloseTo(y / band % 2 == 1 ? 230 : 20,
                            org.assertj.core.data.Offset.offset(40));
                }
                if (!nearColumnEdge && !nearRowEdge) {
                    assertThat(rgb & 0xFF).as("blue (outside the crop) at %d,%d", x, y).isLessThan(60);
                }
            }
        }
    }

    @Test
    void landscapePortraitAndSmallSourcesAreCoverCroppedToTheCentreSquare() {
        int[][] sizes = {{1920, 1080}, {640, 480}, {720, 1280}};
        for (int[] size : sizes) {
            Path file = video(size[0] + "x" + size[1] + ".mp4", size[0], size[1], 3);
            try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 112, TIMEOUT)) {
                assertThat(input.sourceWidth()).isEqualTo(size[0]);
                assertThat(input.sourceHeight()).isEqualTo(size[1]);
                assertThat(input.declaredFps()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.01));
                RgbFrame frame = new RgbFrame(112, 112);
                List<Long> timestamps = new ArrayList<>();
                while (input.read(frame)) {
                    assertBands(frame);
                    timestamps.add(frame.timestampMicros());
                }
                // JavaCV truncates presentation times to whole microseconds
                assertThat(timestamps).containsExactly(0L, 33_333L, 66_666L);
            }
        }
    }

    @Test
    void aNarrowScaledFrameWithPaddedRowsIsReadAtTheShippedModelsSize() {
        // 320x240 scaled to 64 high is 85 wide: 255 bytes of RGB in a padded row, which JavaCV
        // reports as 4 "channels" (stride / width); the frame is still RGB24 and must be read
        Path file = video("320x240.mp4", 320, 240, 3);
        try (VideoInput input = VideoInput.open(VideoInput.Kind.FILE, file.toString(), 64, TIMEOUT)) {
            RgbFrame frame = new RgbFrame(64, 64);
            int frames = 0;
            while (input.read(frame)) {
                assertBands(frame);
                frames++;
            }
            assertThat(frames).isEqualTo(3);
        }
    }

    @Test
    void missingUnreadableAndMalformedSourcesFailWithTheirName() throws IOException {
        Path garbage = dir.resolve("garbage.mkv");
        Files.write(garbage, new byte[4096]);

        assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.FILE, dir.resolve("none.mp4").toString(), 112, TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("none.mp4").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.FILE, dir.toString(), 112, TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.FILE, garbage.toString(), 112, TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("cannot open video file").hasMessageContaining("garbage.mkv");
        assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.DEVICE, "/dev/video-none", 112, TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("video device /dev/video-none does not exist");
        assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.URL, "no-scheme", 112, TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("not a URL");
    }

    @Test
    void aRefusedConnectionFailsAtOnce() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/live.ts";

        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.URL, url, 112, TIMEOUT))
                        .isInstanceOf(MediaException.class)
                        .hasMessage("cannot open stream " + url + ": Connection refused (FFmpeg error -111)"));
    }

    @Test
    void aServerThatNeverAnswersTimesOutInsteadOfHanging() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the test closed the server socket
                }
            });
            acceptor.start();
            String url = "http://user:secret@127.0.0.1:" + server.getLocalPort() + "/silent.ts";

            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> VideoInput.open(VideoInput.Kind.URL, url, 112, TIMEOUT))
                            .isInstanceOf(MediaException.class)
                            .hasMessageContaining("stream http://***@127.0.0.1")
                            .hasMessageEndingWith(": Connection timed out (FFmpeg error -110)")
                            .hasMessageNotContaining("secret"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
            server.close();
            acceptor.join(5000);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
