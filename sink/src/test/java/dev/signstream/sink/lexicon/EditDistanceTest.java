package dev.signstream.sink.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsWholeGlossEdits() {
        assertThat(EditDistance.between(List.of(), List.of())).isZero();
        assertThat(EditDistance.between(List.of("a", "b"), List.of())).isEqualTo(2);
        assertThat(EditDistance.between(List.of(), List.of("a"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "b", "c"))).isZero();
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "x", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "c"), List.of("a", "b", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b", "c", "d"), List.of("b", "a", "d", "c"))).isEqualTo(3);
        assertThat(EditDistance.between(List.of("병원", "어디"), List.of("화장실", "어디"))).isEqualTo(1);
    }
}
