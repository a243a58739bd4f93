package dev.signstream.sink.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium for tests, with a fresh profile and everything that would phone out turned
 * off. It listens for the DevTools protocol on a free port it reports in its profile directory.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private final Process process;
    private final int port;

    private Chromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The Chromium executable: {@code $CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Optional<Path> find() {
        String explicit = System.getenv("CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser on about:blank and waits (bounded) until DevTools answers. */
    static Chromium start(Path executable, Path workDir, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Process process = new ProcessBuilder(executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chromium.log").toFile())
                .start();
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(workDir.resolve("chromium.log"), StandardCharsets.UTF_8));
            }
            if (Files.exists(activePort)) {
                List<String> lines = Files.readAllLines(activePort);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return new Chromium(process, Integer.parseInt(lines.get(0).trim()));
                }
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not open its DevTools port within 30 s; see " + workDir.resolve("chromium.log"));
    }

    /** The DevTools HTTP/WebSocket port. */
    int port() {
        return port;
    }

    /** Ends the browser and its helper processes (only those this test started). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
