package dev.signstream.eval.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small generated corpus and models that know its glosses, for the replay tests.
 *
 * <p>The test model is the random-weight model of {@code inference/} (its words are meaningless
 * but deterministic) with its six classes relabelled as five glosses of the synthetic vocabulary, and
 * decoder thresholds low enough that it does emit words. The corpus keeps the clips that use only
 * those glosses: isolated signs, idle clips and four sentences.
 */
public final class ReplayFixtures {

    /** The test model's labels: the idle class and five glosses that make up sentences s03, s04, s26 and t01. */
    public static final List<String> LABELS = List.of("<idle>", "병원", "어디", "화장실", "학교", "가다");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTENCES = """
            [
              {"id": "s03", "glosses": ["화장실", "어디"], "text": "화장실이 어디예요?"},
              {"id": "s04", "glosses": ["병원", "어디"], "text": "병원이 어디에 있어요?"},
              {"id": "s26", "glosses": ["학교", "어디"], "text": "학교가 어디예요?"},
              {"id": "t01", "glosses": ["학교", "가다", "병원", "가다"], "text": "학교에 가고 병원에 가요."}
            ]
            """;

    private ReplayFixtures() {
    }

    /**
     * Writes the test split of a corpus: two clips of every sign, two idle clips and four sentences,
     * then keeps in {@code manifest.jsonl} only the clips whose glosses the test model knows.
     *
     * @return the number of test clips kept
     */
    public static int writeCorpus(Path dir) throws IOException {
        Files.createDirectories(dir);
        new CorpusWriter(Vocabulary.standard(), sentences(dir)).write(
                new CorpusSpec(dir, SignerPool.TEST, 2, 2, 4, 4, 7, 64, 15, 2, false), CorpusProgress.NONE);
        Path manifest = dir.resolve(CorpusWriter.MANIFEST);
        Set<String> known = Set.copyOf(LABELS);
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            boolean allKnown = true;
            for (JsonNode gloss : node.get("glosses")) {
                allKnown &= known.contains(gloss.asText());
            }
            if (allKnown) {
                kept.add(line);
            }
        }
        Files.writeString(manifest, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        return kept.size();
    }

    /** Sentences made only of {@link #LABELS} (written to {@code dir/test-sentences.json}). */
    public static Sentences sentences(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("test-sentences.json");
        Files.writeString(file, SENTENCES, StandardCharsets.UTF_8);
        return Sentences.read(file, Vocabulary.standard());
    }

    /**
     * A copy of the random-weight test model with {@link #LABELS} (and its model-only {@code <signing>}
     * class) and these decoder settings.
     *
     * @param decoder the manifest's {@code decoder} object, e.g. {@code min_confidence}
     */
    public static Path model(Path dir, Map<String, Number> decoder) throws IOException {
        Path source;
        try {
            source = Path.of(ReplayFixtures.class.getResource("/models/random-small/model.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.createDirectories(dir);
        Files.copy(source.resolve("model.onnx"), dir.resolve("model.onnx"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(source.resolve("model.json").toFile());
        ObjectNode settings = JSON.valueToTree(decoder);
        settings.put("kind", "peak");
        manifest.set("decoder", settings);
        JSON.writeValue(dir.resolve("model.json").toFile(), manifest);
        List<String> labels = new ArrayList<>(LABELS);
        labels.add(manifest.get("signing_label").asText());
        Files.writeString(dir.resolve("labels.json"), JSON.writeValueAsString(labels), StandardCharsets.UTF_8);
        return dir;
    }

    /** Settings for the shared test broker, with live topics under {@code prefix}. */
    public static KafkaSettings settings(KafkaStack stack, String prefix) {
        return KafkaSettings.parse(Map.of(KafkaSettings.TOPIC_PREFIX_ENV, prefix), Optional.of(stack.bootstrapServers()),
                Optional.of(stack.registryUrl()), ReplayEvaluation.clientConfigs());
    }
}
