package dev.signstream.sink.view;

/**
 * Told about every line and every session end the {@link CaptionBoard} applies, in topic order
 * per session, on the applying thread: implementations must be quick and never block.
 */
public interface BoardWatcher {

    /**
     * A partial or final line, as read (a repeated or stale line is passed on too).
     *
     * @param emittedAtMs when the sink emitted the record (its timestamp, wall clock)
     */
    void onLine(CaptionLine line, long emittedAtMs);

    /**
     * The session's end marker: no more sentences follow.
     *
     * @param emittedAtMs when the sink emitted the marker
     */
    void onEnd(String sessionId, long emittedAtMs);

    /** The board forgot the session (quiet for longer than the retention). */
    default void onEvicted(String sessionId) {
    }
}
