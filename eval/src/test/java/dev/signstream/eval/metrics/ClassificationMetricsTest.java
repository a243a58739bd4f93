package dev.signstream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    /** Scores that rank the classes in the given order, best first. */
    private static float[] ranking(int... order) {
        float[] scores = new float[order.length];
        for (int rank = 0; rank < order.length; rank++) {
            scores[order[rank]] = order.length - rank;
        }
        return scores;
    }

    @Test
    void topOneTopFiveAndMacroF1OnAWorkedExample() {
        // 7 classes; class 6 never occurs in the truth and so stays out of the macro average
        ClassificationMetrics m = new ClassificationMetrics(7);
        m.add(0, ranking(0, 1, 2, 3, 4, 5, 6)); // right
        m.add(0, ranking(1, 0, 2, 3, 4, 5, 6)); // predicted 1, true class second
        m.add(1, ranking(1, 0, 2, 3, 4, 5, 6)); // right
        m.add(2, ranking(6, 5, 4, 3, 1, 2, 0)); // predicted 6, true class sixth: misses top-5 too

        assertThat(m.clips()).isEqualTo(4);
        assertThat(m.top1()).isEqualTo(0.5);
        assertThat(m.top5()).isEqualTo(0.75);
        // class 0: P 1/1, R 1/2 -> F1 2/3; class 1: P 1/2, R 1/1 -> 2/3; class 2: F1 0
        assertThat(m.macroF1()).isCloseTo((2.0 / 3 + 2.0 / 3 + 0) / 3, within(1e-12));
        assertThat(m.confusion(0, 1)).isEqualTo(1);
        assertThat(m.confusion(2, 6)).isEqualTo(1);
    }

    @Test
    void mergeAddsCountsAndBadInputIsRefused() {
        ClassificationMetrics a = new ClassificationMetrics(3);
        ClassificationMetrics b = new ClassificationMetrics(3);
        a.add(0, new float[] {3, 2, 1});
        b.add(1, new float[] {3, 2, 1});
        a.merge(b);
        assertThat(a.clips()).isEqualTo(2);
        assertThat(a.top1()).isEqualTo(0.5);
        assertThatThrownBy(() -> a.add(3, new float[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.add(0, new float[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.add(0, new float[] {1, Float.NaN, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClassificationMetrics(3).top1()).isNaN();
    }
}
