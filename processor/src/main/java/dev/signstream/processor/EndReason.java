package dev.signstream.processor;

/** Why a session ended; every reason ends it the same way (a {@code SESSION_END}, state deleted, end marker kept). */
enum EndReason {
    /** Its chunk with {@code last=true} and frames was applied. */
    LAST_CHUNK,
    /** An empty {@code last} chunk came: a source that failed or ended on a chunk boundary. */
    EMPTY_LAST_CHUNK,
    /** No chunk came for the idle timeout (wall clock): an abandoned camera. */
    IDLE_TIMEOUT
}
