package dev.signstream.eval.metrics;

import java.util.List;
import java.util.Objects;

/** Levenshtein distance between two word sequences: substitutions, insertions and deletions, each 1. */
public final class EditDistance {

    private EditDistance() {
    }

    public static int between(List<?> reference, List<?> hypothesis) {
        int[] row = new int[hypothesis.size() + 1];
        for (int j = 0; j < row.length; j++) {
            row[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = diagonal + (Objects.equals(reference.get(i - 1), hypothesis.get(j - 1)) ? 0 : 1);
                diagonal = row[j];
                row[j] = Math.min(substitution, Math.min(row[j] + 1, row[j - 1] + 1));
            }
        }
        return row[hypothesis.size()];
    }
}
