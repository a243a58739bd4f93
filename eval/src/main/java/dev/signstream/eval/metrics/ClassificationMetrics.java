package dev.signstream.eval.metrics;

/**
 * Accumulates clip classifications: top-1, top-5 and macro-F1 over the classes present in the
 * truth (a class absent from the evaluated split does not count in the macro average, as in
 * training's evaluation), and the confusion matrix. Not thread-safe; merge per-thread instances.
 */
public final class ClassificationMetrics {

    private static final int TOP = 5;

    private final int classes;
    private final long[][] confusion;
    private long clips;
    private long top1;
    private long top5;

    public ClassificationMetrics(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        this.classes = classes;
        this.confusion = new long[classes][classes];
    }

    /**
     * Adds one clip.
     *
     * @param truth  the true class
     * @param scores one score per class (logits or probabilities); higher is more likely
     */
    public void add(int truth, float[] scores) {
        if (truth < 0 || truth >= classes) {
            throw new IllegalArgumentException("true class " + truth + " outside 0.." + (classes - 1));
        }
        if (scores.length != classes) {
            throw new IllegalArgumentException("expected " + classes + " scores, got " + scores.length);
        }
        int predicted = 0;
        int higher = 0;
        for (int c = 0; c < classes; c++) {
            if (Float.isNaN(scores[c])) {
                throw new IllegalArgumentException("score of class " + c + " is NaN");
            }
            if (scores[c] > scores[predicted]) {
                predicted = c;
            }
            // ties rank the lower class id first, like a stable sort
            if (scores[c] > scores[truth] || (scores[c] == scores[truth] && c < truth)) {
                higher++;
            }
        }
        clips++;
        confusion[truth][predicted]++;
        if (higher == 0) {
            top1++;
        }
        if (higher < TOP) {
            top5++;
        }
    }

    /** Adds another accumulator's counts (e.g. from another thread). */
    public void merge(ClassificationMetrics other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("cannot merge " + other.classes + " classes into " + classes);
        }
        clips += other.clips;
        top1 += other.top1;
        top5 += other.top5;
        for (int r = 0; r < classes; r++) {
            for (int c = 0; c < classes; c++) {
                confusion[r][c] += other.confusion[r][c];
            }
        }
    }

    public long clips() {
        return clips;
    }

    public double top1() {
        return clips == 0 ? Double.NaN : (double) top1 / clips;
    }

    public double top5() {
        return clips == 0 ? Double.NaN : (double) top5 / clips;
    }

    /** Mean F1 over the classes that occur in the truth. */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            long actual = 0;
            long predicted = 0;
            for (int k = 0; k < classes; k++) {
                actual += confusion[c][k];
                predicted += confusion[k][c];
            }
            if (actual == 0) {
                continue;
            }
            present++;
            long tp = confusion[c][c];
            if (tp > 0) {
                double precision = (double) tp / predicted;
                double recall = (double) tp / actual;
                sum += 2 * precision * recall / (precision + recall);
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Count of clips of true class {@code truth} predicted as {@code predicted}. */
    public long confusion(int truth, int predicted) {
        return confusion[truth][predicted];
    }
}
