package dev.signstream.sink.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.sink.view.CaptionLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueLayoutTest {

    private static final long T0 = 1_767_225_600_000_000L;
    private static final CueLayout LAYOUT = new CueLayout(LayoutRules.defaults());

    private static CaptionLine line(int index, String text, long startMs, long endMs) {
        return new CaptionLine("s", index, text, List.of(text), null, T0 + startMs * 1000, T0 + endMs * 1000, true, "v1");
    }

    private static int chars(String line) {
        return line.codePointCount(0, line.length());
    }

    @Test
    void aShortSentenceIsOneLineAndALineAndAHalfIsTwoBalancedOnes() {
        assertThat(LAYOUT.sentence(line(0, "물 좀 주세요.", 0, 1_000))).singleElement()
                .satisfies(cue -> assertThat(cue.lines()).containsExactly("물 좀 주세요."));

        // 17 characters: over the 16 of a line; the most even split, the top line not the longer
        assertThat(LAYOUT.sentence(line(0, "안녕하세요, 만나서 반갑습니다.", 0, 2_000))).singleElement()
                .satisfies(cue -> assertThat(cue.lines()).containsExactly("안녕하세요,", "만나서 반갑습니다."));
    }

    @Test
    void aLongSentenceBecomesSeveralTwoLineCuesInTurnEachReadable() {
        String text = "오늘 아침에 학교에 가는 길에 친구를 만나서 같이 버스를 타고 병원에 갔다가 다시 집으로 돌아왔습니다";
        CaptionLine sentence = line(7, text, 0, 4_000);

        List<Cue> cues = LAYOUT.sentence(sentence);

        assertThat(cues.size()).isGreaterThan(1);
        assertThat(cues).extracting(Cue::id).startsWith("7.1", "7.2");
        assertThat(String.join(" ", cues.stream().flatMap(c -> c.lines().stream()).toList())).isEqualTo(text);
        long at = sentence.startTimeUs();
        for (Cue cue : cues) {
            assertThat(cue.lines()).hasSizeBetween(1, LayoutRules.MAX_LINES);
            assertThat(cue.lines()).allSatisfy(l -> assertThat(chars(l)).isLessThanOrEqualTo(16));
            assertThat(cue.startUs()).isEqualTo(at);
            // each cue stays up at least its reading time (12 characters per second)
            assertThat(cue.endUs() - cue.startUs()).isGreaterThanOrEqualTo((long) Math.ceil(cue.chars() / 12.0 * 1e6));
            assertThat(cue.signEndUs()).isEqualTo(sentence.endTimeUs());
            at = cue.endUs();
        }
        // the signing took 4 s, reading all of it at 12 characters per second takes longer: the cues do
        assertThat(at - sentence.startTimeUs()).isGreaterThan(4_000_000);
    }

    @Test
    void aWordLongerThanALineIsCutAndNoLineIsEverEmpty() {
        List<Cue> cues = LAYOUT.sentence(line(0, "가나다라마바사아자차카타파하가나다라마바  \n 끝", 0, 500));

        assertThat(cues).flatExtracting(Cue::lines).containsExactly("가나다라마바사아자차카타파하가나", "다라마바 끝");
    }

    @Test
    void aQuickSentenceStaysUpForItsReadingTimeOrTheMinimum() {
        // two lines of 15 characters signed in 0.5 s: 2.5 s to read
        Cue thirty = LAYOUT.sentence(line(0, "가나다라마바사아자차카타파하가 나다라마바사아자차카타파하가나", 0, 500)).get(0);
        assertThat(thirty.chars()).isEqualTo(30);
        assertThat(thirty.endUs() - thirty.startUs()).isEqualTo(2_500_000);
        // 2 characters: the 1.5 s minimum
        Cue two = LAYOUT.sentence(line(1, "물", 0, 100)).get(0);
        assertThat(two.endUs() - two.startUs()).isEqualTo(1_500_000);
        // signed longer than it takes to read: the signing time
        Cue slow = LAYOUT.sentence(line(2, "물", 0, 3_000)).get(0);
        assertThat(slow.endUs() - slow.startUs()).isEqualTo(3_000_000);
    }

    @Test
    void inAFileASentenceIsFittedBeforeTheNextOneStarts() {
        List<Cue> cues = LAYOUT.session(List.of(line(1, "둘", 1_000, 1_200),
                line(0, "가나다라마바사아자차 카타파하가나다라마 바사아자차카타파하 가나다라마바사아자차 카타파하", 0, 500)));

        assertThat(cues).extracting(Cue::sentenceIndex).containsExactly(0, 0, 1);
        assertThat(cues.get(0).startUs()).isEqualTo(T0);
        assertThat(cues.get(1).endUs()).isLessThanOrEqualTo(T0 + 1_000_000);
        assertThat(cues.get(1).startUs()).isGreaterThan(cues.get(0).startUs());
        assertThat(cues.get(2).startUs()).isEqualTo(T0 + 1_000_000);
    }

    @Test
    void badRulesAreRefusedWithTheirFlag() {
        assertThatThrownBy(() -> new LayoutRules(2, 12, Duration.ofSeconds(1))).hasMessageContaining("max line chars");
        assertThatThrownBy(() -> new LayoutRules(16, 0, Duration.ofSeconds(1))).hasMessageContaining("reading speed");
        assertThatThrownBy(() -> new LayoutRules(16, Double.NaN, Duration.ofSeconds(1))).hasMessageContaining("reading speed");
    }
}
