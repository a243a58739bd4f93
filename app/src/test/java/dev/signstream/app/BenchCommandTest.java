package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code signstream bench} end to end, short: a table and, as the last line, one JSON object with
 * the fields the issue names, measured on a real broker (the embedded stack it starts itself for
 * {@code live}, a given cluster for {@code backlog}).
 */
@WithKafka
class BenchCommandTest {

    private static final List<String> REQUIRED = List.of("mode", "sessions", "fps_per_session_min", "dropped",
            "p50_ms", "p99_ms", "processor_over_raw", "changelog_kb_per_session_s", "cpu_cores");

    @Test
    void liveOnTheEmbeddedStackEndsWithItsJsonLine() throws Exception {
        JsonNode json = run("bench", "live", "--model", "../models/ksl-synth-small", "--sessions", "3",
                "--warm-up", "4s", "--duration", "10s");

        assertThat(json.get("mode").asText()).isEqualTo("live");
        assertThat(json.get("sessions").asInt()).isEqualTo(3);
        // 10 s hold about 18 chunks of 8 frames per session: 15 fps, to within a chunk or two
        assertThat(json.get("fps_per_session_min").asDouble()).isBetween(12.0, 17.0);
        assertThat(json.get("dropped").asLong()).isZero();
        assertThat(json.get("p99_ms").isNull()).isFalse();
        assertThat(json.get("processor_over_raw").isNull()).isTrue();
        assertThat(json.get("changelog_kb_per_session_s").asDouble()).isPositive();
        assertThat(json.get("state_bytes").asInt()).isGreaterThan(90_000);
        assertThat(json.get("cpu_cores").asDouble()).isPositive();
    }

    @Test
    void backlogOnAGivenClusterEndsWithItsJsonLine(KafkaStack stack) throws Exception {
        JsonNode json = run("bench", "backlog", "--bootstrap-servers", stack.bootstrapServers(),
                "--registry-url", stack.registryUrl(), "--model", "../models/ksl-synth-small", "--sessions", "2",
                "--length", "8s", "--configs", "1x1", "--raw-seconds", "1");

        assertThat(json.get("mode").asText()).isEqualTo("backlog");
        assertThat(json.get("processor_over_raw").asDouble()).isPositive();
        assertThat(json.get("best_config").asText()).isEqualTo("1x1");
        assertThat(json.get("frames").asLong()).isEqualTo(2 * 15 * 8);
        // every chunk of the replayed backlog is a duplicate, decided before any frame is decoded
        assertThat(json.get("duplicate_over_applied").asDouble()).isPositive().isLessThan(0.5);
        assertThat(json.get("fps_per_session_min").isNull()).isTrue();
    }

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(args);
        String[] lines = out.toString().strip().split("\n");
        assertThat(code).as("exit code; output:%n%s", out).isZero();
        assertThat(lines[lines.length - 2]).as("the table before the JSON line").isNotBlank();
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        for (String field : REQUIRED) {
            assertThat(json.has(field)).as("JSON field %s in %s", field, lines[lines.length - 1]).isTrue();
        }
        return json;
    }
}
