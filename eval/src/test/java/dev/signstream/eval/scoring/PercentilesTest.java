package dev.signstream.eval.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void interpolatesBetweenRanks() {
        Percentiles p = new Percentiles(List.of(40.0, 10.0, 30.0, 20.0));
        assertThat(p.median()).isEqualTo(25.0);
        assertThat(p.at(0)).isEqualTo(10.0);
        assertThat(p.at(100)).isEqualTo(40.0);
        assertThat(p.at(90)).isCloseTo(37.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.mean()).isEqualTo(25.0);
        assertThat(p.values()).containsExactly(10.0, 20.0, 30.0, 40.0);
    }

    @Test
    void anEmptySampleHasNoPercentilesAndBadInputIsRefused() {
        assertThat(new Percentiles(List.of()).median()).isNaN();
        assertThatThrownBy(() -> new Percentiles(List.of(1.0)).at(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    }
}
