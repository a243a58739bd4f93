package dev.signstream.eval.offline;

import java.util.List;

/**
 * One line of a corpus manifest.
 *
 * @param file    path relative to the corpus root
 * @param split   train, val or test
 * @param kind    sign, idle, sentence or sequence
 * @param glosses the signs in order (one for a sign clip, none for idle)
 * @param fps     frame rate
 * @param width   frame width
 * @param height  frame height
 * @param frames  frame count
 * @param signs   where each sign is, in frames
 */
public record CorpusClip(String file, String split, Kind kind, List<String> glosses, double fps, int width, int height,
        int frames, List<SignSpan> signs) {

    /** The clip kinds of the corpus format. */
    public enum Kind {
        SIGN, IDLE, SENTENCE,
        /** Random signs drawn from the whole vocabulary, performed like a sentence (no sentence text). */
        SEQUENCE
    }

    /** One sign of a clip: frames {@code start} (inclusive) to {@code end} (exclusive). */
    public record SignSpan(String gloss, int label, int start, int end) {
    }

    public CorpusClip {
        glosses = List.copyOf(glosses);
        signs = List.copyOf(signs);
    }
}
