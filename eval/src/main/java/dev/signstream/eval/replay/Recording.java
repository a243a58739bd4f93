package dev.signstream.eval.replay;

import java.util.List;

/**
 * What the replayed range of a frames topic holds.
 *
 * @param range            the range
 * @param sessions         its sessions, in the order their first chunk was met
 * @param chunks           readable chunks
 * @param frames           frames in them
 * @param unreadable       records that could not be read as chunks (the processor dead-letters them too)
 * @param unreadableReasons the reasons, one per unreadable record, up to a few
 */
public record Recording(ReplayRange range, List<SessionRecord> sessions, long chunks, long frames, long unreadable,
                        List<String> unreadableReasons) {

    public Recording {
        sessions = List.copyOf(sessions);
        unreadableReasons = List.copyOf(unreadableReasons);
    }

    /** Video in the range, seconds. */
    public double videoSeconds() {
        return sessions.stream().mapToDouble(SessionRecord::videoSeconds).sum();
    }
}
