package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.signstream.embedded.junit.ChildJvm;
import dev.signstream.embedded.secure.SecureCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void aSecureBrokerWritesEachRolesCredentialsAndCreatesTheTopicsAsAdmin(@TempDir Path dir) throws Exception {
        Path credentials = dir.resolve("credentials");
        Process broker = new ProcessBuilder(ChildJvm.command(List.of("-Xmx512m"), SignStream.class,
                List.of("broker", "--secure", "--credentials-dir", credentials.toString())))
                .redirectErrorStream(true)
                .start();
        try {
            List<String> output = new ArrayList<>();
            String readyLine = CompletableFuture.supplyAsync(() -> readUntilReady(broker, output))
                    .get(60, TimeUnit.SECONDS);
            assertThat(readyLine).as("output: %s", output).startsWith("Ready in");
            String kafkaLine = output.stream().filter(line -> line.startsWith("Kafka broker:")).findFirst().orElseThrow();
            assertThat(kafkaLine).matches("Kafka broker: +127\\.0\\.0\\.1:\\d+ \\(SASL_SSL, SCRAM-SHA-512\\)");
            String address = kafkaLine.split("\\s+")[2];
            for (String role : List.of("producer", "processor", "sink", "recorder", "admin")) {
                Map<String, String> props = SecureCredentials.load(credentials.resolve(role + ".properties"));
                assertThat(props).containsEntry("bootstrap.servers", address).containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            }
            assertThat(credentials.resolve("ca.pem")).exists();
            assertThat(String.join("\n", output)).doesNotContain("password");

            Map<String, Object> admin = new HashMap<>(SecureCredentials.load(credentials.resolve("admin.properties")));
            try (Admin client = Admin.create(admin)) {
                assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("signstream.frames", "signstream.words", "signstream.sentences", "signstream.dlq");
            }
            Map<String, Object> sink = new HashMap<>(SecureCredentials.load(credentials.resolve("sink.properties")));
            try (Admin client = Admin.create(sink)) {
                // the sink sees only the topics its ACLs name, and may create none
                assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("signstream.words", "signstream.sentences").doesNotContain("signstream.frames");
                assertThatThrownBy(() -> client.createTopics(List.of(new NewTopic("signstream.x", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        } finally {
            broker.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            broker.destroyForcibly();
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
