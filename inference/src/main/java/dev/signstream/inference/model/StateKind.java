package dev.signstream.inference.model;

import java.util.Locale;

/** What a state tensor holds, as {@code states[].kind} in the manifest names it. */
public enum StateKind {
    /** Past frames of a causal temporal convolution. */
    STREAM_BUFFER,
    /** Running sums of a cumulative average pool. */
    RUNNING_SUM,
    /** Frames seen since the last reset, one per session. */
    FRAME_COUNT;

    /** Parses the manifest spelling ({@code stream_buffer}, {@code running_sum}, {@code frame_count}). */
    public static StateKind parse(String text) {
        for (StateKind kind : values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown state kind '" + text
                + "', expected stream_buffer, running_sum or frame_count");
    }
}
