package dev.signstream.eval.scoring;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample by linear interpolation between the closest ranks (the median of 2 values is their mean). */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(Collection<Double> values) {
        this.sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (double value : sorted) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("sample holds a non-finite value " + value);
            }
        }
    }

    public int count() {
        return sorted.length;
    }

    /** The {@code p}-th percentile, {@code p} in [0, 100]; NaN for an empty sample. */
    public double at(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    public double median() {
        return at(50);
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).sum() / sorted.length;
    }

    /** The values in ascending order (a copy). */
    public double[] values() {
        return sorted.clone();
    }
}
