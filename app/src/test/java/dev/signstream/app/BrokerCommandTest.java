package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

    private static final Duration READY_LIMIT = Duration.ofSeconds(30);

    @Test
    void brokerIsReadyWithin30SecondsAndSigkillOfItsJvmLeavesNoRegistryBehind() throws Exception {
        // Given `signstream broker` in its own JVM
        Process broker = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                SignStream.class.getName(), "broker")
                .redirectErrorStream(true)
                .start();
        try {
            // When it reports ready
            long started = System.nanoTime();
            List<String> output = new ArrayList<>();
            String readyLine = CompletableFuture.supplyAsync(() -> readUntilReady(broker, output))
                    .get(READY_LIMIT.toSeconds(), TimeUnit.SECONDS);
            Duration tookToReady = Duration.ofNanos(System.nanoTime() - started);

            // Then it took under 30 s and printed where Kafka and the registry answer
            assertThat(readyLine).as("output: %s", output).startsWith("Ready in");
            assertThat(tookToReady).isLessThan(READY_LIMIT);
            assertThat(output).anyMatch(line -> line.startsWith("Kafka broker:     127.0.0.1:"));
            assertThat(output).anyMatch(line -> line.startsWith("Schema registry:  http://127.0.0.1:"));

            // and it runs the registry as a child process
            List<ProcessHandle> children = broker.toHandle().descendants().toList();
            assertThat(children).as("registry child JVM").isNotEmpty();
            assertThat(children).allMatch(ProcessHandle::isAlive);

            // When its JVM is killed with SIGKILL (no shutdown hook runs)
            broker.destroyForcibly();
            assertThat(broker.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // Then the registry follows it within seconds
            await().atMost(Duration.ofSeconds(15)).untilAsserted(
                    () -> assertThat(children).noneMatch(ProcessHandle::isAlive));
        } finally {
            broker.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            broker.destroyForcibly();
        }
    }

    /** Reads lines until the ready line; a daemon thread then drains the rest so the child never blocks. */
    private static String readUntilReady(Process process, List<String> output) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith("Ready in")) {
                    Thread drain = new Thread(() -> reader.lines().forEach(rest -> { }), "broker-output-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
            }
            return "exited before ready";
        } catch (java.io.IOException e) {
            return "output unreadable: " + e;
        }
    }

    @Test
    void aMalformedPortFailsFastWithAMessageNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("broker", "--kafka-port", "70000");
        assertThat(exit).isEqualTo(ErrorReporter.CONFIG_ERROR);
        assertThat(err.toString()).contains("--kafka-port").contains("70000");
    }
}
