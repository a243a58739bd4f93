package dev.signstream.synth.corpus;

import java.util.Locale;

/** What a clip shows: one isolated sign, hands at rest, or a sentence. */
public enum ClipKind {
    SIGN,
    IDLE,
    SENTENCE;

    /** The manifest's {@code kind} value. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
