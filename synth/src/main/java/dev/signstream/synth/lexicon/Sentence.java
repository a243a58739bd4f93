package dev.signstream.synth.lexicon;

import java.util.List;

/**
 * One sentence: an id, the gloss sequence the signer performs and the natural Korean text.
 *
 * @param id      stable id, e.g. {@code s05}
 * @param glosses 2-6 glosses in signing order
 * @param text    the sentence as a Korean speaker would write it
 */
public record Sentence(String id, List<String> glosses, String text) {

    /** Fewest and most signs a sentence may have. */
    public static final int MIN_SIGNS = 2;
    public static final int MAX_SIGNS = 6;

    public Sentence {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a sentence needs an id");
        }
        if (glosses == null || glosses.size() < MIN_SIGNS || glosses.size() > MAX_SIGNS) {
            throw new IllegalArgumentException("sentence " + id + " must have " + MIN_SIGNS + "-" + MAX_SIGNS
                    + " glosses, got " + (glosses == null ? "none" : glosses.size()));
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("sentence " + id + " needs its text");
        }
        glosses = List.copyOf(glosses);
    }
}
