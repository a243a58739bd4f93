package dev.signstream.schemas.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.schemas.words.Edit.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsWholeWordEdits() {
        assertThat(EditDistance.between(List.of(), List.of())).isZero();
        assertThat(EditDistance.between(List.of("a", "b"), List.of())).isEqualTo(2);
        assertThat(EditDistance.between(List.of(), List.of("a", "b"))).isEqualTo(2);
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "b", "c"))).isZero();
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "x", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b", "c"), List.of("a", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "c"), List.of("a", "b", "c"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b"), List.of("a", "b", "b"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("a", "b", "c", "d"), List.of("b", "a", "d", "c"))).isEqualTo(3);
        assertThat(EditDistance.between(List.of("병원", "어디"), List.of("화장실", "어디"))).isEqualTo(1);
    }

    @Test
    void aWordIsOneEditHoweverLongItIs() {
        // glosses compare whole, not by their letters
        assertThat(EditDistance.between(List.of("마시다"), List.of("마시"))).isEqualTo(1);
        assertThat(EditDistance.between(List.of("물", "마시다"), List.of("물마시다"))).isEqualTo(2);
    }

    @Test
    void anAlignmentNamesEachEditInReadingOrder() {
        assertThat(EditDistance.alignment(List.of("나", "물", "마시다"), List.of("너", "물", "마시다", "끝")))
                .containsExactly(new Edit(Kind.SUBSTITUTION, 0, 0), new Edit(Kind.INSERTION, -1, 3));
        assertThat(EditDistance.alignment(List.of("나", "물", "마시다", "끝"), List.of("나", "마시다", "끝")))
                .containsExactly(new Edit(Kind.DELETION, 1, -1));
        assertThat(EditDistance.alignment(List.of("a", "b"), List.of("a", "b"))).isEmpty();
    }

    @Test
    void anAlignmentHasAsManyEditsAsTheDistance() {
        List<List<String>> sequences = List.of(List.of(), List.of("a"), List.of("a", "b", "c", "d"),
                List.of("b", "a", "d", "c"), List.of("a", "a", "b"), List.of("x", "b", "y", "c", "z"));
        for (List<String> reference : sequences) {
            for (List<String> hypothesis : sequences) {
                assertThat(EditDistance.alignment(reference, hypothesis))
                        .as("%s -> %s", reference, hypothesis)
                        .hasSize(EditDistance.between(reference, hypothesis));
            }
        }
    }

    @Test
    void tiesTakeAPairOfWordsBeforeADeletionAndADeletionBeforeAnInsertion() {
        // "a b" -> "b c" is two edits either way: two substitutions, or a deletion and an insertion
        assertThat(EditDistance.alignment(List.of("a", "b"), List.of("b", "c"))).containsExactly(
                new Edit(Kind.SUBSTITUTION, 0, 0),
                new Edit(Kind.SUBSTITUTION, 1, 1));
        // walking back from the end, the last "a" pairs: the first one is the missing one
        assertThat(EditDistance.alignment(List.of("a", "a"), List.of("a"))).containsExactly(
                new Edit(Kind.DELETION, 0, -1));
    }

    @Test
    void anEditSaysWhichWordsItConcerns() {
        assertThatThrownBy(() -> new Edit(Kind.DELETION, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Edit(Kind.INSERTION, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Edit(Kind.SUBSTITUTION, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
