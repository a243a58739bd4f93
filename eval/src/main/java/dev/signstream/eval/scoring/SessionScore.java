package dev.signstream.eval.scoring;

import java.util.List;

/**
 * How one session was recognised.
 *
 * @param sessionId  the session
 * @param kind       how it was scored
 * @param reference  the glosses it contains
 * @param hypothesis the glosses the recognizer emitted, in order
 * @param predicted  for isolated kinds, the gloss that counts as the session's answer (the idle
 *                   label when no word came); for sentences, null
 * @param errors     edit distance between reference and hypothesis (isolated kinds: 0 when the
 *                   answer is right, else 1)
 * @param delaysMs   for an exactly recognised session, each word's decision delay after its sign's
 *                   last frame (event time, milliseconds); else empty
 */
public record SessionScore(String sessionId, SessionTruth.Kind kind, List<String> reference, List<String> hypothesis,
                           String predicted, int errors, List<Double> delaysMs) {

    public SessionScore {
        reference = List.copyOf(reference);
        hypothesis = List.copyOf(hypothesis);
        delaysMs = List.copyOf(delaysMs);
    }

    /** True when the session was recognised without an error. */
    public boolean correct() {
        return errors == 0;
    }
}
