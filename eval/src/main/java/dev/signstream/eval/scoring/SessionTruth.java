package dev.signstream.eval.scoring;

import java.util.List;

/**
 * What a labelled session should produce.
 *
 * @param sessionId the session
 * @param kind      how it is scored
 * @param signs     its signs in order
 * @param sentences ids of the sentences it signs, in order (empty unless {@link Kind#SENTENCE})
 */
public record SessionTruth(String sessionId, Kind kind, List<TruthSign> signs, List<String> sentences) {

    /** How a session is scored. */
    public enum Kind {
        /** One sign and no sentence: an isolated-sign clip, scored as a classification. */
        SIGN,
        /** Hands at rest only: scored as a classification whose right answer is no word (the idle class). */
        IDLE,
        /** One or more sentences: scored by word error rate over the session's gloss sequence. */
        SENTENCE,
        /** Several signs outside any sentence: scored by word error rate like a sentence. */
        SEQUENCE;

        /** True for kinds scored as one classification per session. */
        public boolean isolated() {
            return this == SIGN || this == IDLE;
        }
    }

    public SessionTruth {
        signs = List.copyOf(signs);
        sentences = List.copyOf(sentences);
        if (kind == Kind.SIGN && signs.size() != 1) {
            throw new IllegalArgumentException("an isolated-sign session has exactly one sign; " + sessionId + " has "
                    + signs.size());
        }
        if (kind == Kind.IDLE && !signs.isEmpty()) {
            throw new IllegalArgumentException("an idle session has no signs; " + sessionId + " has " + signs.size());
        }
        if ((kind == Kind.SENTENCE || kind == Kind.SEQUENCE) && signs.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " session needs signs: " + sessionId);
        }
    }

    /**
     * The kind that fits the signs and sentences: a sentence if any sentence is named, else one sign
     * is an isolated sign, none is idle, more is a sequence.
     */
    public static SessionTruth of(String sessionId, List<TruthSign> signs, List<String> sentences) {
        Kind kind;
        if (!sentences.isEmpty()) {
            kind = Kind.SENTENCE;
        } else if (signs.isEmpty()) {
            kind = Kind.IDLE;
        } else {
            kind = signs.size() == 1 ? Kind.SIGN : Kind.SEQUENCE;
        }
        return new SessionTruth(sessionId, kind, signs, sentences);
    }

    /** The glosses of the signs, in order. */
    public List<String> glosses() {
        return signs.stream().map(TruthSign::gloss).toList();
    }
}
