package dev.signstream.eval.record;

/** Told after every recorded session; called from the recorder's worker threads. */
@FunctionalInterface
public interface RecordProgress {

    RecordProgress NONE = (done, total) -> { };

    void sessionDone(int done, int total);
}
