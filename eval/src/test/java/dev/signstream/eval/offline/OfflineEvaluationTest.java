package dev.signstream.eval.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.inference.decoder.WordDecoder;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.state.SessionState;
import dev.signstream.media.Mp4Settings;
import dev.signstream.media.Mp4Writer;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus reader and the evaluation loop on a hand-written corpus of noise clips and the
 * random-weight test model: the numbers are meaningless for accuracy, but every clip must be read,
 * classified exactly as a direct run of the runtime classifies it, and counted.
 */
class OfflineEvaluationTest {

    private static final int SIZE = 64;
    private static final String[] GLOSSES = {"hello", "thanks", "school", "hospital", "water"};
    private static StreamModel model;

    @TempDir
    Path corpus;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path folder = Path.of(OfflineEvaluationTest.class.getResource("/models/random-small/model.json").toURI())
                .getParent();
        model = StreamModel.load(folder, RuntimeOptions.cpu().withIntraOpThreads(1));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private void writeClip(String file, int frames, Random random) {
        Path path = corpus.resolve(file);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (Mp4Writer writer = Mp4Writer.open(path, SIZE, SIZE, Mp4Settings.of(15, 2))) {
            byte[] rgb = new byte[SIZE * SIZE * 3];
            for (int i = 0; i < frames; i++) {
                random.nextBytes(rgb);
                writer.write(rgb);
            }
        }
    }

    private static String line(String file, String kind, List<String> glosses, int frames) {
        StringBuilder signs = new StringBuilder();
        for (int i = 0; i < glosses.size(); i++) {
            signs.append(i == 0 ? "" : ",").append(String.format(
                    "{\"gloss\":\"%s\",\"label\":%d,\"start\":%d,\"end\":%d}", glosses.get(i), i + 1, 2 + 6 * i, 6 + 6 * i));
        }
        return String.format("{\"file\":\"%s\",\"split\":\"%s\",\"kind\":\"%s\",\"glosses\":%s,\"sentence_id\":null,"
                + "\"text\":\"\",\"signer\":\"s\",\"fps\":15,\"width\":%d,\"height\":%d,\"frames\":%d,\"signs\":[%s]}",
                file, file.substring(0, file.indexOf('/')), kind, glosses.stream().map(g -> "\"" + g + "\"").toList(), SIZE, SIZE, frames, signs);
    }

    /** Three sign clips, one idle clip, two sentences, plus one train clip that must be left out. */
    private List<String> writeCorpus() throws IOException {
        Random random = new Random(17);
        List<String> lines = new ArrayList<>();
        lines.add(line("test/hello/a.mp4", "sign", List.of("hello"), 13));
        lines.add(line("test/thanks/b.mp4", "sign", List.of("thanks"), 8));
        lines.add(line("test/water/c.mp4", "sign", List.of("water"), 20));
        lines.add(line("test/<idle>/d.mp4", "idle", List.of(), 9));
        lines.add(line("test/_sentences/e.mp4", "sentence", List.of("school", "hospital"), 30));
        lines.add(line("test/_sentences/f.mp4", "sentence", List.of("hello", "water", "thanks"), 27));
        lines.add(line("train/hello/g.mp4", "sign", List.of("hello"), 10));
        for (String l : lines) {
            JsonNode node = new ObjectMapper().readTree(l);
            writeClip(node.get("file").asText(), node.get("frames").asInt(), random);
        }
        Files.writeString(corpus.resolve("manifest.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        List<String> labels = new ArrayList<>(List.of("\"<idle>\""));
        for (String g : GLOSSES) {
            labels.add("\"" + g + "\"");
        }
        Files.writeString(corpus.resolve("labels.json"), labels.toString(), StandardCharsets.UTF_8);
        return lines;
    }

    @Test
    void everyTestClipIsRunAndCountedAndTheSummaryIsOneJsonLine() throws IOException {
        writeCorpus();
        AtomicInteger lastDone = new AtomicInteger();
        EvalReport report = OfflineEvaluation.run(model, Corpus.read(corpus), "test", 2,
                (done, total) -> lastDone.accumulateAndGet(done, Math::max));

        assertThat(lastDone.get()).isEqualTo(6);
        assertThat(report.clips()).isEqualTo(4);
        assertThat(report.sentences().clips()).isEqualTo(2);
        assertThat(report.sentences().words()).isEqualTo(5);
        assertThat(report.sequences().clips()).isZero();
        assertThat(report.frames()).isEqualTo(13 + 8 + 20 + 9 + 30 + 27);
        assertThat(report.top1()).isBetween(0.0, 1.0);
        assertThat(report.top5()).isGreaterThanOrEqualTo(report.top1());
        assertThat(report.sentences().wer()).isGreaterThanOrEqualTo(0.0);

        String json = report.toJsonLine();
        assertThat(json).doesNotContain("\n").startsWith("{\"clips\":4,\"top1\":");
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.fieldNames()).toIterable()
                .contains("clips", "top1", "top5", "macro_f1", "wer", "sequence_wer", "frames_per_s", "p95_delay_ms");
        assertThat(node.get("sequence_wer").isNull()).as("no sequences in this split").isTrue();
        assertThat(node.get("frames_per_s").asDouble()).isPositive();
        // metrics without data are null, never a made-up number
        if (report.sentences().exact() == 0) {
            assertThat(node.get("median_delay_ms").isNull()).isTrue();
            assertThat(node.get("median_onset_error_ms").isNull()).isTrue();
        }
    }

    @Test
    void aClipIsReadExactlyAsADirectChunkedRunOfTheRuntimeReadsIt() throws IOException {
        // Given a corpus with one sign clip of 20 frames
        Random random = new Random(23);
        writeClip("test/water/c.mp4", 20, random);
        Files.writeString(corpus.resolve("manifest.jsonl"), line("test/water/c.mp4", "sign", List.of("water"), 20) + "\n");
        Files.writeString(corpus.resolve("labels.json"), "[\"<idle>\",\"water\"]");
        Corpus read = Corpus.read(corpus);

        // When the evaluation reads it, and the same decoded frames run through a predictor by hand in
        // chunks of 8 (readings after frames 7, 15 and 19)
        float[] evaluated = new ClipRunner(model, model.newPredictor()).transcribe(corpus.resolve("test/water/c.mp4"),
                read.clips().get(0)).peakProbabilities();
        float[] direct = new float[evaluated.length];
        try (StreamPredictor predictor = model.newPredictor()) {
            List<RgbFrame> frames = VideoReader.readAll(corpus.resolve("test/water/c.mp4"), SIZE, SIZE);
            FrameDecoder decoder = model.newFrameDecoder();
            SessionState state = model.stateCodec().newState();
            for (int start = 0; start < frames.size(); start += 8) {
                FrameBlock block = model.newFrameBlock(8);
                for (int i = start; i < Math.min(frames.size(), start + 8); i++) {
                    decoder.appendRgb(frames.get(i).pixels(), i, block);
                }
                float[] p = WordDecoder.probabilities(predictor.step(state, block));
                for (int c = 0; c < p.length; c++) {
                    direct[c] = Math.max(direct[c], p[c]);
                }
            }
        }

        // Then every class's peak probability over the readings is the same
        assertThat(evaluated).hasSize(7);
        for (int c = 0; c < direct.length; c++) {
            assertThat(evaluated[c]).isCloseTo(direct[c], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void aSummaryWithoutSentencesHasNullWerNotZero() {
        EvalReport.Transcription none = new EvalReport.Transcription(0, 0, Double.NaN, Double.NaN);
        EvalReport report = new EvalReport("m", "0123456789abcdef", "test", 3, 1.0, 1.0, 1.0, 0, 0, none, none,
                Double.NaN, Double.NaN, Double.NaN, 30, 1.5);
        assertThat(report.toJsonLine()).contains("\"wer\":null").contains("\"sequence_wer\":null")
                .contains("\"median_delay_ms\":null").contains("\"p95_delay_ms\":null")
                .contains("\"frames_per_s\":20.0");
    }

    @Test
    void idleClipsMayNameTheIdleLabel() throws IOException {
        Files.writeString(corpus.resolve("labels.json"), "[\"<idle>\",\"hello\"]");
        Files.writeString(corpus.resolve("manifest.jsonl"), line("test/<idle>/a.mp4", "idle", List.of("<idle>"), 9) + "\n"
                + line("test/<idle>/b.mp4", "idle", List.of(), 9) + "\n");
        assertThat(Corpus.read(corpus).clips()).hasSize(2);
        Files.writeString(corpus.resolve("manifest.jsonl"), line("test/<idle>/a.mp4", "idle", List.of("hello"), 9) + "\n");
        assertThatThrownBy(() -> Corpus.read(corpus)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idle clip");
    }

    @Test
    void unknownGlossesMissingSplitsAndBrokenLinesAreClearErrors() throws IOException {
        writeCorpus();
        assertThatThrownBy(() -> OfflineEvaluation.run(model, Corpus.read(corpus), "val", 1, EvalProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no clips in split 'val'");
        Files.writeString(corpus.resolve("manifest.jsonl"),
                line("test/hello/a.mp4", "sign", List.of("goodbye"), 13) + "\n");
        assertThatThrownBy(() -> OfflineEvaluation.run(model, Corpus.read(corpus), "test", 1, EvalProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'goodbye'");
        Files.writeString(corpus.resolve("manifest.jsonl"), "{\"file\": 3}\n");
        assertThatThrownBy(() -> Corpus.read(corpus)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
        Files.writeString(corpus.resolve("manifest.jsonl"), line("test/hello/a.mp4", "sign", List.of("hello"), 99) + "\n");
        assertThatThrownBy(() -> OfflineEvaluation.run(model, Corpus.read(corpus), "test", 1, EvalProgress.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decodes to 13 frames");
    }
}
