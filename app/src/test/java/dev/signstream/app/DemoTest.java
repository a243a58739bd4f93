package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.junit.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, as a newcomer runs it. */
class DemoTest {

    private static final String MODEL = "../models/ksl-synth-small";

    /**
     * The demo's promise with the shipped model: its captions are at most 10 % wrong, and each
     * sentence's first HLS segment is published within the segment duration (6 s) + 2 s of the
     * decision of its last word (docs/latency.md) at the 99th percentile.
     */
    @Test
    void threeSessionsForSixtySecondsExitZeroWithWerAtMostTenPercentAndTimelySegments() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("demo", "--sessions", "3", "--duration", "60s", "--http-port", "0",
                "--model", MODEL, "--quiet");

        assertThat(exit).as("stderr: %s%nstdout: %s", err, out).isZero();
        List<String> lines = out.toString().lines().toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("sessions").asInt()).isEqualTo(3);
        assertThat(summary.get("words").asInt()).isPositive();
        assertThat(summary.get("reference_words").asInt()).as("signs completed in 60 s").isGreaterThan(20);
        assertThat(summary.get("wer").asDouble()).as("summary: %s", out).isLessThanOrEqualTo(0.10);
        // the decoder decides a sign within its last frames: a word may even come before the sign's end
        assertThat(summary.get("sign_end_to_word_p50_ms").asLong()).isBetween(-600L, 1_000L);
        assertThat(summary.get("sign_end_to_final_caption_p50_ms").asLong()).isPositive();
        assertThat(summary.get("segment_sentences").asInt()).as("summary: %s", summary).isGreaterThan(10);
        assertThat(summary.get("decision_to_segment_p99_ms").asLong()).as("summary: %s", summary).isPositive()
                .isLessThanOrEqualTo(8_000);
        assertThat(summary.get("decision_to_final_caption_p99_ms").asLong()).as("summary: %s", summary).isPositive();
    }

    @Test
    void ctrlCStopsTheDemoWithinTenSeconds() throws Exception {
        // Output goes to a file: reading a pipe of a process that is exiting can fail ("Stream closed").
        Path log = Files.createTempFile("demo-", ".log");
        Path errors = Files.createTempFile("demo-", ".err");
        // the application's own logging (to stderr), not the test classpath's logback-test.xml
        Process demo = new ProcessBuilder(ChildJvm.command(List.of("-Xmx1g", "-Dai.djl.offline=true",
                        "-Dlogback.configurationFile=logback.xml"), SignStream.class,
                List.of("demo", "--sessions", "2", "--http-port", "0", "--model", MODEL)))
                .redirectOutput(log.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!output(log).stream().anyMatch(line -> line.startsWith("Live captions")) && System.nanoTime() < deadline) {
                assertThat(demo.isAlive()).as("demo output: %s%n%s", output(log), output(errors)).isTrue();
                Thread.sleep(200);
            }
            assertThat(output(log)).as("the demo started").anyMatch(line -> line.startsWith("Live captions"));
            Thread.sleep(5_000);

            // When Ctrl-C arrives (SIGTERM runs the same shutdown hook)
            long stopAsked = System.nanoTime();
            demo.destroy();
            boolean exited = demo.waitFor(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - stopAsked);

            // Then it is gone within 10 s, with its summary printed, and no registry left behind
            assertThat(exited).as("exited within 10 s; output: %s", output(log)).isTrue();
            List<String> lines = output(log);
            assertThat(lines.get(lines.size() - 1)).as("the last line of the output (captions still being finished "
                    + "must not follow the summary)").startsWith("{\"sessions\":2,");
            assertThat(demo.toHandle().descendants().filter(ProcessHandle::isAlive).count()).isZero();
            System.out.println("demo stopped " + took.toMillis() + " ms after SIGTERM");
        } finally {
            demo.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
            Files.deleteIfExists(log);
            Files.deleteIfExists(errors);
        }
    }

    private static List<String> output(Path log) throws IOException {
        // lenient decoding: the last line may end inside a Korean character still being written
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    }
}
