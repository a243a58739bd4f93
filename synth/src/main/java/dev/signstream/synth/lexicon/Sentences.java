package dev.signstream.synth.lexicon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.synth.sign.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of sentences, validated against a vocabulary: ids unique, every gloss known.
 * {@link #standard()} is the list shipped in {@value #RESOURCE}.
 */
public final class Sentences {

    /** Class-path location of the shipped list. */
    public static final String RESOURCE = "/dev/signstream/synth/sentences.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Sentence> all;
    private final Map<String, Sentence> byId;

    private Sentences(List<Sentence> sentences, Vocabulary vocabulary) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("a sentence list must not be empty");
        }
        Map<String, Sentence> map = new LinkedHashMap<>();
        for (Sentence sentence : sentences) {
            for (String gloss : sentence.glosses()) {
                if (!vocabulary.contains(gloss)) {
                    throw new IllegalArgumentException("sentence " + sentence.id() + " uses '" + gloss
                            + "', which is not in the vocabulary");
                }
            }
            if (map.put(sentence.id(), sentence) != null) {
                throw new IllegalArgumentException("duplicate sentence id " + sentence.id());
            }
        }
        this.all = List.copyOf(sentences);
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The shipped sentences, checked against {@link Vocabulary#standard()}. */
    public static Sentences standard() {
        try (InputStream in = Sentences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return parse(in, Vocabulary.standard(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a sentence file in the same format as the shipped resource. */
    public static Sentences read(Path file, Vocabulary vocabulary) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, vocabulary, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentences from " + file, e);
        }
    }

    private static Sentences parse(InputStream in, Vocabulary vocabulary, String source) throws IOException {
        List<Sentence> list;
        try {
            list = JSON.readValue(in, new TypeReference<List<Sentence>>() { });
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad sentence list in " + source + ": " + e.getMessage(), e);
        }
        return new Sentences(list, vocabulary);
    }

    public List<Sentence> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** @throws IllegalArgumentException naming the id if there is no such sentence */
    public Sentence byId(String id) {
        Sentence sentence = byId.get(id);
        if (sentence == null) {
            throw new IllegalArgumentException("unknown sentence id '" + id + "'; known: " + byId.keySet());
        }
        return sentence;
    }
}
