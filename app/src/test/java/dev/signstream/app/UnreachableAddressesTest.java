package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * First contact with a wrong address: every role that talks to Kafka (produce, process, sink,
 * record, eval of a topic) exits non-zero within 30 s with one line naming the address it could not
 * reach, whether the broker or the registry is the one missing.
 */
@WithKafka
class UnreachableAddressesTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String MODEL = Path.of("..", "inference", "src", "test", "resources", "models",
            "random-small").toString();
    /** Each role's own arguments, without the Kafka ones. */
    private static final Map<String, List<String>> ROLES = Map.of(
            "produce", List.of("--source", "synthetic", "--session", "cam", "--status-interval", "0s"),
            "process", List.of("--model", MODEL, "--http-port", "0"),
            "sink", List.of("--http-port", "0"),
            "record", List.of("--out-topic", "signstream.recordings.unreachable", "--synthetic", "1"),
            "eval", List.of("--model", MODEL, "--frames-topic", "signstream.recordings.unreachable", "--report",
                    Path.of(System.getProperty("java.io.tmpdir"), "unreachable-report").toString()));

    private record Result(int exitCode, String err, Duration took) {
    }

    private static Result run(String role, String bootstrap, String registry) {
        List<String> args = new ArrayList<>(List.of(role, "--bootstrap-servers", bootstrap, "--registry-url", registry));
        args.addAll(ROLES.get(role));
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        long started = System.nanoTime();
        int code = cli.execute(args.toArray(String[]::new));
        return new Result(code, err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void everyRoleNamesABrokerItCannotReachAndExits(KafkaStack stack) throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        for (String role : ROLES.keySet()) {
            Result result = run(role, nobody, stack.registryUrl());
            assertThat(result.exitCode()).as("exit code of %s: %s", role, result.err()).isEqualTo(1);
            assertThat(result.err()).as(role).contains("signstream " + role + " failed: cannot reach the Kafka cluster at "
                    + nobody);
            assertThat(result.err().lines()).as("%s says it in one line", role).hasSize(1);
            assertThat(result.took()).as(role).isLessThan(BOUND);
        }
    }

    @Test
    void everyRoleNamesARegistryItCannotReachAndExits(KafkaStack stack) throws Exception {
        String nobody = "http://127.0.0.1:" + freePort() + "/apis/registry/v2";
        for (String role : ROLES.keySet()) {
            Result result = run(role, stack.bootstrapServers(), nobody);
            assertThat(result.exitCode()).as("exit code of %s: %s", role, result.err()).isEqualTo(1);
            assertThat(result.err()).as(role).contains("signstream " + role + " failed: cannot reach the schema registry at "
                    + nobody);
            assertThat(result.err().lines()).as("%s says it in one line", role).hasSize(1);
            assertThat(result.took()).as(role).isLessThan(BOUND);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
