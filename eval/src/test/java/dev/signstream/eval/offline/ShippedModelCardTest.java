package dev.signstream.eval.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped model's card, reproduced by the Java runtime: the test split is rendered again with
 * the corpus command the card lists (the same seed gives the same bytes), run through the offline
 * evaluation, and compared with the numbers PyTorch training wrote into {@code model.json}:
 * isolated-clip top-1, top-5 and macro-F1, and the word error rate of the sentence clips through
 * the runtime's word decoder against training's simulation of that decoder.
 */
class ShippedModelCardTest {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedModelCardTest.class);
    private static final Path MODEL = Path.of(System.getProperty("signstream.model", "../models/ksl-synth-small"));
    /** One clip of the test split's isolated clips either way (video decoding differs slightly). */
    private static final double CLIP_TOLERANCE = 1.0 / 400;

    @TempDir
    Path dir;

    @Test
    void theJavaRuntimeReproducesTheCardOnTheTestSplitItLists() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(MODEL.resolve("model.json").toFile());
        Map<String, String> flags = testSplitCommand(manifest);
        // absent flags take the corpus command's defaults
        String perSign = flags.getOrDefault("--per-sign", "100");
        CorpusSpec spec = new CorpusSpec(dir.resolve("corpus"), SignerPool.TEST, Integer.parseInt(perSign),
                Integer.parseInt(flags.getOrDefault("--idle", perSign)), Integer.parseInt(flags.getOrDefault("--sentences", "0")),
                Integer.parseInt(flags.getOrDefault("--sequences", "0")),
                flags.containsKey("--signers") ? Integer.parseInt(flags.get("--signers")) : CorpusSpec.defaultSigners(SignerPool.TEST),
                Long.parseLong(flags.getOrDefault("--seed", "1")), Integer.parseInt(flags.getOrDefault("--size", "64")),
                Integer.parseInt(flags.getOrDefault("--fps", "15")), 2, false);
        new CorpusWriter(Vocabulary.standard(), Sentences.standard()).write(spec, CorpusProgress.NONE);

        EvalReport report;
        try (StreamModel model = StreamModel.load(MODEL, RuntimeOptions.cpu())) {
            report = OfflineEvaluation.run(model, Corpus.read(dir.resolve("corpus")), "test", 2, EvalProgress.NONE);
        }
        JsonNode card = manifest.get("metrics");
        LOG.info("Java runtime: {}; card: {}", report.toJsonLine(), card);
        assertThat(report.version()).isEqualTo(manifest.get("version").asText());
        JsonNode isolated = card.get("isolated");
        assertThat(report.clips()).isEqualTo(isolated.get("clips").asLong());
        assertThat(report.top1()).isCloseTo(isolated.get("top1").asDouble(), Offset.offset(CLIP_TOLERANCE));
        // every clip through the runtime's word decoder, against training's simulation of it
        assertTranscription(report.sentences(), card.get("sentence"));
        assertTranscription(report.sequences(), card.get("sequence"));
    }

    /** Same clips and words; the WER within one word of the card's. */
    private static void assertTranscription(EvalReport.Transcription runtime, JsonNode card) {
        assertThat(runtime.clips()).isEqualTo(card.get("clips").asLong());
        assertThat(runtime.words()).isEqualTo(card.get("words").asLong());
        assertThat(runtime.wer()).isCloseTo(card.get("wer").asDouble(), Offset.offset(1.0 / card.get("words").asDouble()));
    }

    /**
     * The flags of the card's last {@code signstream corpus ... --split test ...} line: the corpus
     * of the last training stage, on which the card's numbers are measured.
     */
    private static Map<String, String> testSplitCommand(JsonNode manifest) {
        Map<String, String> last = null;
        for (JsonNode line : manifest.get("training").get("reproduce")) {
            String[] words = line.asText().trim().split("\\s+");
            Map<String, String> flags = new HashMap<>();
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].startsWith("--")) {
                    flags.put(words[i], words[i + 1]);
                }
            }
            if (line.asText().contains(" corpus ") && "test".equals(flags.get("--split"))) {
                last = flags;
            }
        }
        if (last != null) {
            return last;
        }
        throw new AssertionError("the card lists no 'signstream corpus ... --split test' command: "
                + manifest.get("training").get("reproduce"));
    }
}
