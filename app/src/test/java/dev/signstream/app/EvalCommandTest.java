package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code signstream eval} end to end on a two-clip corpus and the random-weight test model of inference/. */
class EvalCommandTest {

    /** The test model inference/scripts/make_test_model.py writes (tests run in the module folder). */
    private static final Path MODEL = Path.of("..", "inference", "src", "test", "resources", "models", "random-small");
    private static final int SIZE = 64;

    @TempDir
    Path corpus;

    private record Run(int exitCode, List<String> out, String err) {
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

    private void clip(String file, int frames, Random random) throws IOException {
        Path path = corpus.resolve(file);
        Files.createDirectories(path.getParent());
        try (Mp4Writer writer = Mp4Writer.open(path, SIZE, SIZE, Mp4Settings.of(15, 2))) {
            byte[] rgb = new byte[SIZE * SIZE * 3];
            for (int i = 0; i < frames; i++) {
                random.nextBytes(rgb);
                writer.write(rgb);
            }
        }
    }

    private void writeCorpus() throws IOException {
        Random random = new Random(2);
        clip("test/hello/a.mp4", 12, random);
        clip("test/_sentences/b.mp4", 20, random);
        String common = "\"split\":\"test\",\"sentence_id\":null,\"text\":\"\",\"signer\":\"s\",\"fps\":15,"
                + "\"width\":64,\"height\":64";
        Files.writeString(corpus.resolve("manifest.jsonl"), String.join("\n",
                "{\"file\":\"test/hello/a.mp4\",\"kind\":\"sign\",\"glosses\":[\"hello\"]," + common
                        + ",\"frames\":12,\"signs\":[{\"gloss\":\"hello\",\"label\":1,\"start\":2,\"end\":9}]}",
                "{\"file\":\"test/_sentences/b.mp4\",\"kind\":\"sentence\",\"glosses\":[\"water\",\"school\"]," + common
                        + ",\"frames\":20,\"signs\":[{\"gloss\":\"water\",\"label\":5,\"start\":1,\"end\":8},"
                        + "{\"gloss\":\"school\",\"label\":3,\"start\":10,\"end\":18}]}"), StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("labels.json"), "[\"<idle>\",\"hello\",\"thanks\",\"school\",\"hospital\",\"water\"]");
    }

    @Test
    void lastLineOfStdoutIsTheJsonSummary() throws IOException {
        writeCorpus();
        Run run = run("eval", "--corpus", corpus.toString(), "--model", MODEL.toString(), "--onnx-threads", "1");

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out().get(run.out().size() - 1));
        assertThat(summary.get("clips").asInt()).isEqualTo(1);
        assertThat(summary.get("sentences").asInt()).isEqualTo(1);
        assertThat(summary.get("words").asInt()).isEqualTo(2);
        assertThat(summary.get("frames").asInt()).isEqualTo(32);
        for (String key : List.of("top1", "top5", "macro_f1", "wer", "frames_per_s")) {
            assertThat(summary.get(key).isNumber()).as(key).isTrue();
        }
    }

    @Test
    void aSplitWithoutClipsIsAConfigurationError() throws IOException {
        writeCorpus();
        Run run = run("eval", "--corpus", corpus.toString(), "--model", MODEL.toString(), "--split", "val");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no clips in split 'val'");
    }

    @Test
    void gpuWithoutACudaBuildFailsWithOneClearLine() throws IOException {
        writeCorpus();
        Run run = run("eval", "--corpus", corpus.toString(), "--model", MODEL.toString(), "--device", "gpu");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("device gpu needs").contains("-Pgpu");
    }
}
