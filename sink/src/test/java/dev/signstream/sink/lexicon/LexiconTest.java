package dev.signstream.sink.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {

    @TempDir
    Path dir;

    private static Path shipped() throws URISyntaxException {
        return Path.of(LexiconTest.class.getResource("/lexicon/sentences.json").toURI());
    }

    private Path file(String json) throws Exception {
        Path file = dir.resolve("lexicon.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTheSentenceListFormatAndMatchesExactly() throws Exception {
        Lexicon lexicon = Lexicon.read(shipped(), Lexicon.DEFAULT_MAX_DISTANCE);

        assertThat(lexicon.size()).isEqualTo(7);
        assertThat(lexicon.match(List.of("안녕하세요", "만나다", "반갑다"))).get()
                .satisfies(m -> {
                    assertThat(m.entry().id()).isEqualTo("s01");
                    assertThat(m.distance()).isZero();
                });
        assertThat(lexicon.textOf(List.of("오늘", "친구", "만나다"))).isEqualTo("오늘 친구를 만나요.");
    }

    @Test
    void toleratesOneEditPerThreeGlossesAndNoMore() throws Exception {
        Lexicon lexicon = Lexicon.read(shipped(), Lexicon.DEFAULT_MAX_DISTANCE);

        // substitution, deletion and insertion in 3-4 gloss sentences
        assertThat(lexicon.match(List.of("내일", "병원", "가다"))).get().extracting(m -> m.entry().id()).isEqualTo("s10");
        assertThat(lexicon.match(List.of("나", "병원", "가다"))).get().extracting(m -> m.entry().id()).isEqualTo("s05");
        assertThat(lexicon.match(List.of("오늘", "친구", "친구", "만나다"))).get().extracting(m -> m.entry().id()).isEqualTo("s09");
        // two edits in three glosses, one edit in two: too far
        assertThat(lexicon.match(List.of("내일", "병원", "먹다"))).isEmpty();
        assertThat(lexicon.match(List.of("물", "어디"))).isEmpty();
        assertThat(lexicon.textOf(List.of("물", "어디"))).isEqualTo("물 어디");
        assertThat(lexicon.match(List.of())).isEmpty();
    }

    @Test
    void theClosestEntryWinsAndTiesGoToTheFirstListed() {
        Lexicon lexicon = Lexicon.of(List.of(
                new LexiconEntry("a", List.of("x", "y", "z"), "A"),
                new LexiconEntry("b", List.of("x", "y", "w"), "B"),
                new LexiconEntry("c", List.of("x", "y", "v"), "C")), 0.34);

        assertThat(lexicon.match(List.of("x", "y", "w"))).get().extracting(m -> m.entry().id()).isEqualTo("b");
        assertThat(lexicon.match(List.of("x", "y", "q"))).get().extracting(m -> m.entry().id()).isEqualTo("a");
        // tolerance 0: exact matches only
        assertThat(Lexicon.of(List.of(new LexiconEntry("a", List.of("x", "y", "z"), "A")), 0.0)
                .match(List.of("x", "y", "q"))).isEmpty();
    }

    @Test
    void anEmptyLexiconJoinsTheGlosses() {
        assertThat(Lexicon.empty().textOf(List.of("물", "주세요"))).isEqualTo("물 주세요");
    }

    @Test
    void badFilesFailNamingTheFileAndTheProblem() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> Lexicon.read(missing, 0.34))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing + " does not exist");
        Path notJson = file("{not json");
        assertThatThrownBy(() -> Lexicon.read(notJson, 0.34))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lexicon " + notJson)
                .hasMessageContaining("is not a JSON list");
        assertThatThrownBy(() -> Lexicon.read(file("[]"), 0.34))
                .hasMessageContaining("lists no sentences");
        assertThatThrownBy(() -> Lexicon.read(file("[{\"id\": \"s1\", \"glosses\": [\"물\"]}]"), 0.34))
                .hasMessageContaining("s1 needs its text");
        assertThatThrownBy(() -> Lexicon.read(file("[{\"id\": \"s1\", \"glosses\": [], \"text\": \"t\"}]"), 0.34))
                .hasMessageContaining("s1 needs at least one gloss");
        assertThatThrownBy(() -> Lexicon.read(file("[{\"id\": \"s1\", \"glosses\": [\"물\"], \"text\": \"t\", \"txt\": 1}]"), 0.34))
                .hasMessageContaining("txt");
        assertThatThrownBy(() -> Lexicon.read(file("[{\"id\": \"s1\", \"glosses\": [\"a\"], \"text\": \"t\"},"
                + "{\"id\": \"s1\", \"glosses\": [\"b\"], \"text\": \"u\"}]"), 0.34))
                .hasMessageContaining("duplicate lexicon id 's1'");
        assertThatThrownBy(() -> Lexicon.read(shipped(), 1.5)).hasMessageContaining("max distance must be in [0, 1)");
    }
}
