package dev.signstream.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry in a child JVM, on 127.0.0.1 and a free port, with in-memory storage.
 * The child runs under {@link ParentWatchdog}, so it exits when this JVM dies, even on SIGKILL.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String REGISTRY_MAIN = "io.quarkus.runner.GeneratedMain";

    private final Process process;
    private final Path workDir;
    private final String baseUrl;

    private EmbeddedSchemaRegistry(Process process, Path workDir, String baseUrl) {
        this.process = process;
        this.workDir = workDir;
        this.baseUrl = baseUrl;
    }

    /** Starts the registry on a free port. */
    public static EmbeddedSchemaRegistry start() {
        return start(0);
    }

    /**
     * Starts the registry and waits until its Confluent-compatible API answers.
     *
     * @param requestedPort HTTP port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedSchemaRegistry start(int requestedPort) {
        long started = System.nanoTime();
        Path runner = RegistryDistribution.runnerJar();
        int port = requestedPort == 0 ? FreePorts.next() : requestedPort;
        Path workDir;
        try {
            workDir = Files.createTempDirectory("signstream-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for the registry", e);
        }
        Path watchdogClasses = installWatchdog(workDir);
        Path log = workDir.resolve("registry.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.banner.enabled=false",
                "-cp", watchdogClasses + java.io.File.pathSeparator + runner,
                ParentWatchdog.class.getName(), REGISTRY_MAIN));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the registry JVM", e);
        }
        String baseUrl = "http://127.0.0.1:" + port;
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(process, workDir, baseUrl);
        try {
            registry.awaitReady(log);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        LOG.info("Apicurio Registry ready at {} (pid {}) in {} ms", baseUrl, process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return registry;
    }

    /** Copies {@link ParentWatchdog} alone into a class directory of the child. */
    private static Path installWatchdog(Path workDir) {
        String resource = ParentWatchdog.class.getSimpleName() + ".class";
        Path classes = workDir.resolve("watchdog");
        Path target = classes.resolve(ParentWatchdog.class.getPackageName().replace('.', '/')).resolve(resource);
        try (InputStream in = ParentWatchdog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the class path");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the registry watchdog", e);
        }
        return classes;
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry JVM exited with " + process.exitValue()
                        + "; its log ends with:\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
        }
        throw new IllegalStateException("the registry did not answer within " + READY_TIMEOUT.toSeconds()
                + " s; its log ends with:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Base URL of the server, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Apicurio's native API, for the Apicurio serde. */
    public String registryUrl() {
        return baseUrl + "/apis/registry/v2";
    }

    /** The Confluent-compatible API. */
    public String ccompatUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    /** Process id of the registry JVM. */
    public long pid() {
        return process.pid();
    }

    /**
     * Stops the registry JVM (gracefully, then forcibly after 3 s: its storage is in memory, so
     * nothing is lost) and deletes its files.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        EmbeddedKafkaBroker.deleteQuietly(workDir);
    }
}
