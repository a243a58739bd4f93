package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.signstream.media.MediaException;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.ProducerStats;
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

/** Sources that cannot be read fail fast with a message that names them; none of them hangs. */
class SourceErrorsTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void open(String source, ProduceSettings settings) {
        FrameProducer.open(SourceSpec.parse(source), settings, new ProducerStats(), new FailureLatch()).close();
    }

    private static ProduceSettings settings() {
        return ProduceSettings.defaults("bad").withOpenTimeout(Duration.ofSeconds(2));
    }

    @Test
    void aMissingOrUnreadableFileIsNamed() throws IOException {
        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});
        Path locked = Files.write(dir.resolve("locked.mp4"), new byte[16]);
        boolean canLock = locked.toFile().setReadable(false) && !Files.isReadable(locked); // root reads anything

        assertTimeoutPreemptively(LIMIT, () -> {
            assertThatThrownBy(() -> open("file:" + dir.resolve("missing.mp4"), settings()))
                    .isInstanceOf(MediaException.class).hasMessage("video file " + dir.resolve("missing.mp4") + " does not exist");
            assertThatThrownBy(() -> open("file:" + garbage, settings()))
                    .isInstanceOf(MediaException.class).hasMessageStartingWith("cannot open video file " + garbage + ": ");
            assertThatThrownBy(() -> open("file:" + dir, settings()))
                    .isInstanceOf(MediaException.class).hasMessageContaining("is not a regular file");
            if (canLock) {
                assertThatThrownBy(() -> open("file:" + locked, settings()))
                        .isInstanceOf(MediaException.class).hasMessageContaining("is not readable");
            }
        });
    }

    @Test
    void aMissingDeviceIsNamed() {
        assertTimeoutPreemptively(LIMIT, () -> {
            assertThatThrownBy(() -> open("device:/dev/video-signstream-none", settings()))
                    .isInstanceOf(MediaException.class)
                    .hasMessage("video device /dev/video-signstream-none does not exist");
            // a node that exists but is no camera
            assertThatThrownBy(() -> open("device:/dev/null", settings()))
                    .isInstanceOf(MediaException.class).hasMessageStartingWith("cannot open video device /dev/null: ");
        });
    }

    @Test
    void aDeadUrlFailsAtOnceAndASilentOneWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertTimeoutPreemptively(LIMIT, () ->
                assertThatThrownBy(() -> open("url:rtsp://127.0.0.1:" + closedPort + "/cam", settings()))
                        .isInstanceOf(MediaException.class)
                        .hasMessageStartingWith("cannot open stream rtsp://127.0.0.1:" + closedPort + "/cam: ")
                        .hasMessageEndingWith(": Connection refused (FFmpeg error -111)"));

        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test closed the server
                }
            });
            acceptor.start();
            assertTimeoutPreemptively(LIMIT, () ->
                    assertThatThrownBy(() -> open("url:http://cam:pw@127.0.0.1:" + silent.getLocalPort() + "/live.ts",
                            settings()))
                            .isInstanceOf(MediaException.class)
                            .hasMessageContaining("stream http://***@127.0.0.1")
                            .hasMessageEndingWith(": Connection timed out (FFmpeg error -110)")
                            .hasMessageNotContaining("pw"));
            silent.close();
            acceptor.join(5000);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void settingsThatDoNotSuitTheSourceAreRefused() {
        assertThatThrownBy(() -> open("device:/dev/video0", ProduceSettings.defaults("x").withSessions(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one producer per camera");
        assertThatThrownBy(() -> open("synthetic", ProduceSettings.defaults("x").withLoop(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file sources only");
        assertThatThrownBy(() -> open("file:x.mp4", ProduceSettings.defaults("x").withSentences(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synthetic source only");
    }
}
