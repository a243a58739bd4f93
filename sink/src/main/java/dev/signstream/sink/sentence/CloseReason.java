package dev.signstream.sink.sentence;

import java.util.Locale;

/** Why a sentence was closed; a tag on the final-sentence counter. */
enum CloseReason {
    /** A later word of the session started after the gap. */
    GAP,
    /** The session ended. */
    SESSION_END,
    /** Stream time passed end + gap + grace. */
    STREAM_TIME,
    /** No word for the idle timeout (wall clock). */
    WALL_CLOCK;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
