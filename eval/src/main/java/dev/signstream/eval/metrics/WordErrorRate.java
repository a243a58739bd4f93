package dev.signstream.eval.metrics;

import dev.signstream.schemas.words.EditDistance;
import java.util.List;

/**
 * Accumulates word error rate over sentences: the summed edit distance between reference and
 * recognised word sequences, over the number of reference words; also how many sentences came out
 * exactly. Not thread-safe; merge per-thread instances.
 */
public final class WordErrorRate {

    private long sentences;
    private long referenceWords;
    private long errors;
    private long exact;

    /** Adds one sentence and returns its edit distance. */
    public int add(List<String> reference, List<String> hypothesis) {
        int distance = EditDistance.between(reference, hypothesis);
        sentences++;
        referenceWords += reference.size();
        errors += distance;
        if (distance == 0) {
            exact++;
        }
        return distance;
    }

    public void merge(WordErrorRate other) {
        sentences += other.sentences;
        referenceWords += other.referenceWords;
        errors += other.errors;
        exact += other.exact;
    }

    public long sentences() {
        return sentences;
    }

    public long referenceWords() {
        return referenceWords;
    }

    public long errors() {
        return errors;
    }

    /** Errors over reference words; NaN before any reference word. */
    public double wer() {
        return referenceWords == 0 ? Double.NaN : (double) errors / referenceWords;
    }

    /** Fraction of sentences recognised without an error. */
    public double exactRate() {
        return sentences == 0 ? Double.NaN : (double) exact / sentences;
    }
}
