package dev.signstream.eval.scoring;

/**
 * One sign a session really contains.
 *
 * @param word        index of the sign in the session (0, 1, ...)
 * @param gloss       the sign's gloss
 * @param startUs     capture time of its first frame, epoch microseconds
 * @param lastFrameUs capture time of its last frame
 */
public record TruthSign(long word, String gloss, long startUs, long lastFrameUs) {

    public TruthSign {
        if (gloss == null || gloss.isEmpty()) {
            throw new IllegalArgumentException("sign " + word + " has no gloss");
        }
        if (lastFrameUs < startUs) {
            throw new IllegalArgumentException("sign " + word + " (" + gloss + ") ends at " + lastFrameUs
                    + " us before it starts at " + startUs + " us");
        }
    }
}
