package dev.signstream.eval.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest fields a recording needs beyond what {@link dev.signstream.eval.offline.Corpus} keeps:
 * a sentence clip's {@code sentence_id} and {@code text}, by clip file.
 */
final class ManifestExtras {

    /** A sentence clip's id and natural text. */
    record Sentence(String id, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Sentence> byFile;

    private ManifestExtras(Map<String, Sentence> byFile) {
        this.byFile = Map.copyOf(byFile);
    }

    /** Reads {@code manifest.jsonl} of a corpus (already validated by {@code Corpus.read}). */
    static ManifestExtras read(Path corpusRoot) {
        Path manifest = corpusRoot.resolve("manifest.jsonl");
        Map<String, Sentence> sentences = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode id = node.get("sentence_id");
                if (id != null && id.isTextual() && !id.asText().isEmpty()) {
                    JsonNode text = node.get("text");
                    if (text == null || !text.isTextual()) {
                        throw new IllegalArgumentException(manifest + " line " + number + ": sentence "
                                + id.asText() + " has no text");
                    }
                    sentences.put(node.get("file").asText(), new Sentence(id.asText(), text.asText()));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        return new ManifestExtras(sentences);
    }

    Optional<Sentence> sentenceOf(String file) {
        return Optional.ofNullable(byFile.get(file));
    }
}
