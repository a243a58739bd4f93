package dev.signstream.schemas.words;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Levenshtein distance between word sequences: a whole word inserted, deleted or substituted
 * costs 1; words are equal when {@link Objects#equals} says so. Word error rate is this distance
 * over the number of reference words.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** The fewest edits that turn {@code reference} into {@code hypothesis}. */
    public static int between(List<?> reference, List<?> hypothesis) {
        return table(reference, hypothesis)[reference.size()][hypothesis.size()];
    }

    /**
     * The edits of one minimal alignment, in reading order; there are {@link #between} of them.
     * Where several alignments are minimal, the one chosen is fixed: walking back from the ends of
     * both sequences, a pair of words (equal, or a substitution) is taken before a deletion, and a
     * deletion before an insertion.
     */
    public static List<Edit> alignment(List<?> reference, List<?> hypothesis) {
        int[][] d = table(reference, hypothesis);
        List<Edit> edits = new ArrayList<>();
        int i = reference.size();
        int j = hypothesis.size();
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + cost(reference, hypothesis, i, j)) {
                if (cost(reference, hypothesis, i, j) == 1) {
                    edits.add(new Edit(Edit.Kind.SUBSTITUTION, i - 1, j - 1));
                }
                i--;
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                edits.add(new Edit(Edit.Kind.DELETION, i - 1, -1));
                i--;
            } else {
                edits.add(new Edit(Edit.Kind.INSERTION, -1, j - 1));
                j--;
            }
        }
        Collections.reverse(edits);
        return edits;
    }

    /** d[i][j]: the distance between the first i reference words and the first j hypothesis words. */
    private static int[][] table(List<?> reference, List<?> hypothesis) {
        int[][] d = new int[reference.size() + 1][hypothesis.size() + 1];
        for (int i = 0; i <= reference.size(); i++) {
            for (int j = 0; j <= hypothesis.size(); j++) {
                d[i][j] = i == 0 ? j : j == 0 ? i : Math.min(d[i - 1][j - 1] + cost(reference, hypothesis, i, j),
                        Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d;
    }

    /** 0 when the i-th reference word and the j-th hypothesis word (counted from 1) are equal, else 1. */
    private static int cost(List<?> reference, List<?> hypothesis, int i, int j) {
        return Objects.equals(reference.get(i - 1), hypothesis.get(j - 1)) ? 0 : 1;
    }
}
