package dev.signstream.synth.corpus;

import java.util.Locale;

/** What a clip shows: one isolated sign, hands at rest, a sentence, or a random sign sequence. */
public enum ClipKind {
    SIGN,
    IDLE,
    SENTENCE,
    /** 2-8 signs drawn at random from the whole vocabulary, performed like a sentence (no sentence text). */
    SEQUENCE;

    /** The manifest's {@code kind} value. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
