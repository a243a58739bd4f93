package dev.signstream.sink.lexicon;

import java.util.List;

/**
 * One known sentence.
 *
 * @param id stable id, e.g. {@code s05}; reported in {@code Sentence.lexicon_match}
 * @param glosses the gloss sequence, in signing order
 * @param text the sentence as a Korean speaker writes it
 */
public record LexiconEntry(String id, List<String> glosses, String text) {

    public LexiconEntry {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a lexicon entry needs an id");
        }
        if (glosses == null || glosses.isEmpty()) {
            throw new IllegalArgumentException("lexicon entry " + id + " needs at least one gloss");
        }
        for (String gloss : glosses) {
            if (gloss == null || gloss.isBlank()) {
                throw new IllegalArgumentException("lexicon entry " + id + " has a blank gloss");
            }
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("lexicon entry " + id + " needs its text");
        }
        glosses = List.copyOf(glosses);
    }
}
