package dev.signstream.sink.lexicon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.signstream.schemas.words.EditDistance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Known sentences, matched by gloss-level edit distance ({@link EditDistance}, the one the
 * evaluation's word error rate counts).
 *
 * <p>A word sequence matches an entry when their edit distance is at most
 * {@code floor(maxDistance * max(words, glosses))}; with the default 0.34 that is one wrong,
 * missing or extra gloss per three. The closest entry wins; ties go to the entry listed first, so
 * the result depends only on the words and the file.
 *
 * <p>File format (the synthetic signer's {@code sentences.json} is one):
 * {@code [{"id": "s01", "glosses": ["안녕하세요", "만나다", "반갑다"], "text": "안녕하세요, 만나서 반갑습니다."}, ...]}.
 */
public final class Lexicon {

    /** Default tolerance: one edit per three glosses. */
    public static final double DEFAULT_MAX_DISTANCE = 0.34;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final List<LexiconEntry> entries;
    private final double maxDistance;

    private Lexicon(List<LexiconEntry> entries, double maxDistance) {
        if (!(maxDistance >= 0 && maxDistance < 1)) {
            throw new IllegalArgumentException("lexicon max distance must be in [0, 1), not " + maxDistance);
        }
        Set<String> ids = new HashSet<>();
        for (LexiconEntry entry : entries) {
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("duplicate lexicon id '" + entry.id() + "'");
            }
        }
        this.entries = List.copyOf(entries);
        this.maxDistance = maxDistance;
    }

    /** No known sentences: every sentence shows its glosses. */
    public static Lexicon empty() {
        return new Lexicon(List.of(), DEFAULT_MAX_DISTANCE);
    }

    /** The given sentences. */
    public static Lexicon of(List<LexiconEntry> entries, double maxDistance) {
        return new Lexicon(entries, maxDistance);
    }

    /**
     * Reads a lexicon file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static Lexicon read(Path file, double maxDistance) {
        try (InputStream in = Files.newInputStream(file)) {
            List<LexiconEntry> entries = JSON.readValue(in, new TypeReference<List<LexiconEntry>>() { });
            if (entries == null || entries.isEmpty()) {
                throw new IllegalArgumentException("lexicon " + file + " lists no sentences");
            }
            if (entries.contains(null)) {
                throw new IllegalArgumentException("lexicon " + file + " has a null entry");
            }
            return new Lexicon(entries, maxDistance);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("lexicon " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("lexicon " + file + " is not a JSON list of {id, glosses, text}: "
                    + firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("lexicon " + file) ? e
                    : new IllegalArgumentException("lexicon " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The closest entry within the tolerance, if any. */
    public Optional<LexiconMatch> match(List<String> words) {
        LexiconMatch best = null;
        for (LexiconEntry entry : entries) {
            int allowed = (int) Math.floor(maxDistance * Math.max(words.size(), entry.glosses().size()));
            if (Math.abs(words.size() - entry.glosses().size()) > allowed) {
                continue;
            }
            int distance = EditDistance.between(words, entry.glosses());
            if (distance <= allowed && (best == null || distance < best.distance())) {
                best = new LexiconMatch(entry, distance);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The text of a word sequence: the matched sentence's text, else the glosses joined by spaces. */
    public String textOf(List<String> words) {
        return match(words).map(m -> m.entry().text()).orElseGet(() -> String.join(" ", words));
    }

    /** Number of known sentences. */
    public int size() {
        return entries.size();
    }
}
