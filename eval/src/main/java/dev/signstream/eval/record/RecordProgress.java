package dev.signstream.eval.record;

/** Told after every recorded session and asked whether to stop; called from the recorder's worker threads. */
@FunctionalInterface
public interface RecordProgress {

    RecordProgress NONE = (done, total) -> { };

    void sessionDone(int done, int total);

    /** Asked before each session; true ends the recording after the sessions under way (Ctrl-C). */
    default boolean stopRequested() {
        return false;
    }
}
