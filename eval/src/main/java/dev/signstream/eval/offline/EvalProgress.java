package dev.signstream.eval.offline;

/** Told after every clip; called from the evaluation's worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface EvalProgress {

    EvalProgress NONE = (done, total) -> { };

    void clipDone(int done, int total);
}
