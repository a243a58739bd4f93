package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.EmbeddedSchemaRegistry;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `signstream sink` refuses bad settings with one line and exit code 2, before touching Kafka; a
 * sink whose sentence builder dies exits instead of serving half dead.
 */
@WithKafka
class SinkCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute(args);
        return new Result(code, err.toString());
    }

    private static final String[] KAFKA = {"--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1/apis/registry/v2"};

    private static String[] with(String... args) {
        String[] all = new String[1 + KAFKA.length + args.length];
        all[0] = "sink";
        System.arraycopy(KAFKA, 0, all, 1, KAFKA.length);
        System.arraycopy(args, 0, all, 1 + KAFKA.length, args.length);
        return all;
    }

    @Test
    void badDurationsAndContradictionsAreConfigurationErrors() {
        Result gap = run(with("--gap", "soon"));
        assertThat(gap.exitCode()).isEqualTo(2);
        assertThat(gap.err()).contains("'soon' is not a duration");

        Result order = run(with("--gap", "3s", "--idle-timeout", "2s"));
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("--idle-timeout: the idle timeout (PT2S) must not be shorter than the sentence gap (PT3S)");

        Result both = run(with("--lexicon", "x.json", "--no-lexicon"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--lexicon and --no-lexicon contradict each other");

        Result port = run(with("--http-port", "70000"));
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("--http-port: the HTTP port must be 0-65535, not 70000");
    }

    @Test
    void badCaptionAndHlsSettingsAreConfigurationErrorsNamingTheFlag() {
        for (String[] args : new String[][] {
                {"--max-line-chars", "2", "--max-line-chars: max line chars (characters per caption line) must be 4-200"},
                {"--reading-speed", "0", "--reading-speed: the reading speed must be 1-100"},
                {"--hls-segment", "500ms", "--hls-segment: the HLS segment must be 1-60 s"},
                {"--hls-playlist-segments", "1", "--hls-playlist-segments: HLS playlist segments must be 3-1000"},
                {"--hls-hold", "61s", "--hls-hold: the HLS hold must be 0-60 s"},
                {"--hls-offset", "-later", "'later' is not a duration"},
                {"--hls-origin", "noon", "--hls-origin: the HLS origin must be 'capture', an ISO-8601 instant"}}) {
            Result result = run(with(args[0], args[1]));
            assertThat(result.exitCode()).as(args[0]).isEqualTo(2);
            assertThat(result.err()).as(args[0]).contains(args[2]).doesNotContain("\tat ");
        }
    }

    @Test
    void anUnusableLexiconFileIsNamed() throws Exception {
        Result missing = run(with("--lexicon", dir.resolve("none.json").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("lexicon " + dir.resolve("none.json") + " does not exist");

        Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"id\": \"s1\"}]");
        Result bad = run(with("--lexicon", broken.toString()));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("lexicon " + broken).doesNotContain("\tat ");
    }

    @Test
    void aSinkWhoseStreamsDieExitsNonZeroNamingWhy(KafkaStack stack) throws Exception {
        // Given a running sink whose schema registry then goes away
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
        int port = freePort();
        StringWriter err = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("sink", "--bootstrap-servers",
                stack.bootstrapServers(), "--registry-url", registry.registryUrl(), "--create-topics",
                "--application-id", "sink-dies-" + UUID.randomUUID(), "--http-port", String.valueOf(port),
                "--state-dir", dir.resolve("state").toString()));
        try {
            awaitHealthy(port, exit);
            registry.close();

            // When a word arrives whose schema the sink must look up
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                    stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>("signstream.words", "cam".getBytes(StandardCharsets.UTF_8),
                        new byte[] {0, 0, 0, 0, 42, 2, 4})).get();
            }

            // Then the sink stops and says why, instead of serving captions that no longer come
            int code = exit.get(60, TimeUnit.SECONDS);
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("signstream sink failed: sentence building stopped")
                    .contains("cannot reach the schema registry at " + registry.registryUrl());
        } finally {
            registry.close();
        }
    }

    private static void awaitHealthy(int port, CompletableFuture<Integer> exit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(exit).as("the sink exited early").isNotDone();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sink was not healthy within 90 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void durationsReadTheWayPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("800ms")).isEqualTo(Duration.ofMillis(800));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> converter.convert("1.5")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'1.5' is not a duration");
    }

    @Test
    void badCaptionAccessSettingsAreConfigurationErrorsThatNeverShowTheSecret() throws Exception {
        Path shortSecret = dir.resolve("short.secret");
        Files.writeString(shortSecret, "too-short-9f3");
        Result secret = run(with("--token-secret-file", shortSecret.toString()));
        assertThat(secret.exitCode()).isEqualTo(2);
        assertThat(secret.err()).contains("at least 32").doesNotContain("too-short-9f3");

        Result origin = run(with("--cors-origin", "https://player.example.com/path"));
        assertThat(origin.exitCode()).isEqualTo(2);
        assertThat(origin.err()).contains("--cors-origin: CORS origin 'https://player.example.com/path'");

        Result keystore = run(with("--https-keystore", dir.resolve("none.p12").toString()));
        assertThat(keystore.exitCode()).isEqualTo(2);
        assertThat(keystore.err()).contains("--https-keystore");

        Result bounds = run(with("--max-streams", "3000"));
        assertThat(bounds.exitCode()).isEqualTo(2);
        assertThat(bounds.err()).contains("--max-streams: max connections (2000) must exceed max streams (3000)");
    }

    @Test
    void sinkTokenMintsATokenTheServerAccepts() throws Exception {
        Path secretFile = dir.resolve("caption.secret");
        Files.writeString(secretFile, "a caption secret of at least thirty-two bytes, for the test\n");
        StringWriter out = new StringWriter();
        CommandLine cli = SignStream.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("sink", "token", "--session", "cam-7", "--ttl", "2h", "--token-secret-file",
                secretFile.toString());
        assertThat(code).isZero();
        String token = out.toString().strip();
        var tokens = new dev.signstream.sink.access.CaptionTokens(
                dev.signstream.sink.access.TokenSecret.load(java.util.Map.of(), java.util.Optional.of(secretFile)).orElseThrow());
        var grant = tokens.verify(token);
        assertThat(grant.session()).contains("cam-7");
        assertThat(grant.expiresAt()).isBetween(java.time.Instant.now().plus(Duration.ofMinutes(119)),
                java.time.Instant.now().plus(Duration.ofMinutes(121)));

        Result neither = run("sink", "token", "--token-secret-file", secretFile.toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--session ID or --operator");
        Result noSecret = run("sink", "token", "--session", "x", "--token-secret-file", dir.resolve("none").toString());
        assertThat(noSecret.exitCode()).isEqualTo(2);
        assertThat(noSecret.err()).contains("does not exist");
    }
}
