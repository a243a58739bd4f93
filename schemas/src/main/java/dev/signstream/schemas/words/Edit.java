package dev.signstream.schemas.words;

/**
 * One edit of an alignment between a reference word sequence (what was signed) and a hypothesis
 * (what was recognised).
 *
 * @param kind            what the edit does
 * @param referenceIndex  position of the reference word, or -1 for an insertion
 * @param hypothesisIndex position of the hypothesis word, or -1 for a deletion
 */
public record Edit(Kind kind, int referenceIndex, int hypothesisIndex) {

    /** What an edit does to the reference. */
    public enum Kind {
        /** A reference word came out as another word. */
        SUBSTITUTION,
        /** A reference word has no word in the hypothesis. */
        DELETION,
        /** A hypothesis word stands for no reference word. */
        INSERTION
    }

    public Edit {
        boolean valid = switch (kind) {
            case SUBSTITUTION -> referenceIndex >= 0 && hypothesisIndex >= 0;
            case DELETION -> referenceIndex >= 0 && hypothesisIndex == -1;
            case INSERTION -> referenceIndex == -1 && hypothesisIndex >= 0;
        };
        if (!valid) {
            throw new IllegalArgumentException(kind + " with reference index " + referenceIndex
                    + " and hypothesis index " + hypothesisIndex);
        }
    }
}
