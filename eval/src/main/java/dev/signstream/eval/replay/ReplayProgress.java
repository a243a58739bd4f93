package dev.signstream.eval.replay;

/** Told how far each model's replay has got, and asked whether to stop; called from the evaluating thread. */
public interface ReplayProgress {

    ReplayProgress NONE = new ReplayProgress() {
        @Override
        public void modelStarted(int index, String model, long records) {
        }

        @Override
        public void processed(int index, long records) {
        }

        @Override
        public void modelDone(int index) {
        }
    };

    /** Model {@code index} starts on a range of {@code records} records. */
    void modelStarted(int index, String model, long records);

    /** Records of the range the model's replay has committed so far. */
    void processed(int index, long records);

    /** Model {@code index} is done (its words are collected). */
    void modelDone(int index);

    /**
     * Asked while a replay runs; true stops it (its processor is closed and its topics deleted) with
     * an {@link IllegalStateException}. Ctrl-C in the command line, for instance.
     */
    default boolean stopRequested() {
        return false;
    }
}
