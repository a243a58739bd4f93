package dev.signstream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void werIsErrorsOverReferenceWords() {
        WordErrorRate wer = new WordErrorRate();
        assertThat(wer.wer()).isNaN();
        assertThat(wer.add(List.of("병원", "가다"), List.of("병원", "가다"))).isZero();
        assertThat(wer.add(List.of("나", "물", "마시다"), List.of("나", "마시다", "끝"))).isEqualTo(2);
        assertThat(wer.sentences()).isEqualTo(2);
        assertThat(wer.referenceWords()).isEqualTo(5);
        assertThat(wer.wer()).isEqualTo(0.4);
        assertThat(wer.exactRate()).isEqualTo(0.5);
        WordErrorRate other = new WordErrorRate();
        other.add(List.of("a"), List.of());
        wer.merge(other);
        assertThat(wer.wer()).isEqualTo(0.5);
    }
}
