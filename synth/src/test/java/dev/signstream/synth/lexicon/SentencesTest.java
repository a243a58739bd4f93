package dev.signstream.synth.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.synth.sign.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencesTest {

    @TempDir
    Path dir;

    @Test
    void shipsAtLeastTwentySentencesOfTwoToSixKnownSigns() {
        Sentences sentences = Sentences.standard();

        assertThat(sentences.size()).isGreaterThanOrEqualTo(20);
        Set<String> ids = new HashSet<>();
        for (Sentence s : sentences.all()) {
            assertThat(ids.add(s.id())).isTrue();
            assertThat(s.glosses()).hasSizeBetween(2, 6);
            s.glosses().forEach(g -> assertThat(Vocabulary.standard().contains(g)).as(g).isTrue());
            assertThat(s.text()).matches(".*[가-힣].*[.?!]$");
        }
        assertThat(sentences.all()).anySatisfy(s -> assertThat(s.glosses()).hasSize(6));
        assertThat(sentences.byId("s05").text()).isEqualTo("저는 아파서 병원에 가요.");
    }

    @Test
    void badFilesAreRejectedWithTheReason() throws Exception {
        Path unknownGloss = dir.resolve("a.json");
        Files.writeString(unknownGloss, "[{\"id\":\"x\",\"glosses\":[\"물\",\"비행기\"],\"text\":\"비행기 물.\"}]");
        assertThatThrownBy(() -> Sentences.read(unknownGloss, Vocabulary.standard())).hasMessageContaining("비행기");

        Path tooShort = dir.resolve("b.json");
        Files.writeString(tooShort, "[{\"id\":\"x\",\"glosses\":[\"물\"],\"text\":\"물.\"}]");
        assertThatThrownBy(() -> Sentences.read(tooShort, Vocabulary.standard())).hasMessageContaining("2-6 glosses");

        Path notJson = dir.resolve("c.json");
        Files.writeString(notJson, "{oops");
        assertThatThrownBy(() -> Sentences.read(notJson, Vocabulary.standard())).hasMessageContaining("c.json");
    }
}
