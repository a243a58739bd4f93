package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code signstream record} then {@code signstream eval --frames-topic} end to end against the test
 * broker, with the random-weight test model of inference/ on a hand-written corpus of its glosses;
 * and the flags that do not fit together.
 */
@WithKafka
class RecordAndReplayCommandsTest {

    private static final Path MODEL = Path.of("..", "inference", "src", "test", "resources", "models", "random-small");
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> out, String err) {
        JsonNode lastLine() throws IOException {
            return new ObjectMapper().readTree(out.get(out.size() - 1));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = SignStream.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString().lines().toList(), err.toString());
    }

    private Path corpus() throws IOException {
        Path corpus = dir.resolve("corpus");
        Random random = new Random(3);
        for (String file : List.of("test/hello/a.mp4", "test/water/b.mp4", "test/_sentences/c.mp4")) {
            Path path = corpus.resolve(file);
            Files.createDirectories(path.getParent());
            try (Mp4Writer writer = Mp4Writer.open(path, SIZE, SIZE, Mp4Settings.of(15, 2))) {
                byte[] rgb = new byte[SIZE * SIZE * 3];
                for (int i = 0; i < 24; i++) {
                    random.nextBytes(rgb);
                    writer.write(rgb);
                }
            }
        }
        String common = "\"split\":\"test\",\"signer\":\"s\",\"fps\":15,\"width\":64,\"height\":64,\"frames\":24";
        Files.writeString(corpus.resolve("manifest.jsonl"), String.join("\n",
                "{\"file\":\"test/hello/a.mp4\",\"kind\":\"sign\",\"glosses\":[\"hello\"],\"sentence_id\":null,\"text\":\"hello\","
                        + common + ",\"signs\":[{\"gloss\":\"hello\",\"label\":1,\"start\":4,\"end\":18}]}",
                "{\"file\":\"test/water/b.mp4\",\"kind\":\"sign\",\"glosses\":[\"water\"],\"sentence_id\":null,\"text\":\"water\","
                        + common + ",\"signs\":[{\"gloss\":\"water\",\"label\":5,\"start\":3,\"end\":20}]}",
                "{\"file\":\"test/_sentences/c.mp4\",\"kind\":\"sentence\",\"glosses\":[\"water\",\"school\"],"
                        + "\"sentence_id\":\"x1\",\"text\":\"water school\"," + common
                        + ",\"signs\":[{\"gloss\":\"water\",\"label\":5,\"start\":1,\"end\":10},"
                        + "{\"gloss\":\"school\",\"label\":3,\"start\":12,\"end\":22}]}") + "\n", StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("labels.json"), "[\"<idle>\",\"hello\",\"thanks\",\"school\",\"hospital\",\"water\"]");
        return corpus;
    }

    @Test
    void aRecordedCorpusIsReplayedIntoAReportWithAJsonLastLine(KafkaStack stack) throws Exception {
        String topic = "cli-" + UUID.randomUUID().toString().substring(0, 8) + ".recording";
        String[] kafka = {"--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};

        Run record = run(concat(new String[] {"record", "--out-topic", topic, "--corpus", corpus().toString(),
            "--model", MODEL.toString(), "--partitions", "2"}, kafka));
        assertThat(record.exitCode()).as("stderr: %s", record.err()).isZero();
        assertThat(record.lastLine().get("sessions").asInt()).isEqualTo(3);
        assertThat(record.lastLine().get("frames").asInt()).isEqualTo(72);

        Path report = dir.resolve("report");
        Run eval = run(concat(new String[] {"eval", "--frames-topic", topic, "--from-beginning", "--model",
            MODEL.toString(), "--model", MODEL.toString(), "--onnx-threads", "1", "--report", report.toString()}, kafka));
        assertThat(eval.exitCode()).as("stderr: %s", eval.err()).isZero();
        JsonNode summary = eval.lastLine();
        assertThat(summary.get("models")).hasSize(2);
        for (JsonNode model : summary.get("models")) {
            assertThat(model.get("clips").asInt()).isEqualTo(2);
            assertThat(model.get("sentences").asInt()).isEqualTo(1);
            assertThat(model.get("words").asInt()).isEqualTo(2);
            assertThat(model.get("frames").asInt()).isEqualTo(72);
            assertThat(model.get("x_realtime").asDouble()).isPositive();
            assertThat(model.get("model").asText()).isEqualTo("random-small");
        }
        assertThat(report.resolve("report.html")).isNotEmptyFile();
        assertThat(report.resolve("report.json")).isNotEmptyFile();
        assertThat(eval.out()).anyMatch(line -> line.startsWith("report: "));

        // a range that starts after the recording holds nothing: a clear configuration error
        String later = Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC).toString();
        Run empty = run(concat(new String[] {"eval", "--frames-topic", topic, "--from", later, "--model",
            MODEL.toString(), "--report", report.toString()}, kafka));
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("holds no records");
    }

    @Test
    void flagsThatDoNotFitTogetherAreConfigurationErrors() throws IOException {
        String model = MODEL.toString();
        assertThat(run("eval", "--model", model).err()).contains("either --corpus DIR (offline) or --frames-topic");
        assertThat(run("eval", "--corpus", "c", "--frames-topic", "t", "--model", model).exitCode()).isEqualTo(2);
        assertThat(run("eval", "--frames-topic", "t", "--model", model).err()).contains("needs --report DIR");
        assertThat(run("eval", "--frames-topic", "t", "--model", model, "--report", "r", "--from-beginning",
                "--from", "2025-06-01").err()).contains("not both");
        assertThat(run("eval", "--corpus", corpus().toString(), "--model", model, "--model", model).err())
                .contains("offline evaluation takes one --model");
        assertThat(run("eval", "--frames-topic", "t", "--model", model, "--from", "yesterday").err())
                .contains("'yesterday' is not a time");
        assertThat(run("record", "--out-topic", "t").err()).contains("either --corpus DIR or --synthetic N");
        assertThat(run("record", "--out-topic", "t", "--synthetic", "2", "--retention", "2h").err())
                .contains("under a day");
        assertThat(run("record", "--out-topic", "t", "--synthetic", "2", "--retention", "soon").err())
                .contains("--retention 'soon'");
    }

    @Test
    void timesAreReadAsInstantsOffsetsLocalTimesOrDates() {
        TimeConverter seoul = new TimeConverter(ZoneOffset.ofHours(9));
        assertThat(seoul.convert("2025-06-01T12:00:00Z")).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(seoul.convert("2025-06-01T21:00:00+09:00")).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(seoul.convert("2025-06-01T21:00")).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(seoul.convert("2025-06-02")).isEqualTo(Instant.parse("2025-06-01T15:00:00Z"));
        assertThat(RecordCommand.parseRetention("forever")).isEmpty();
        assertThat(RecordCommand.parseRetention("30d")).contains(Duration.ofDays(30));
        assertThat(RecordCommand.parseRetention("36h")).contains(Duration.ofHours(36));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
