package dev.signstream.synth.corpus;

/** Told after every finished clip; called from worker threads, one call at a time. */
@FunctionalInterface
public interface CorpusProgress {

    /** No reporting. */
    CorpusProgress NONE = (done, total) -> { };

    void clipDone(int done, int total);
}
