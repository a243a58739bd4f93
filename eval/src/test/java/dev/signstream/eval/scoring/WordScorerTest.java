package dev.signstream.eval.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.inference.decoder.Alternative;
import dev.signstream.inference.decoder.DecodedWord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How emitted words count: zero, one or several words per isolated session, ties, sentences, delays. */
class WordScorerTest {

    private static final List<String> LABELS = List.of("<idle>", "a", "b", "c", "d", "e", "f", "g");

    private static DecodedWord word(int index, int label, float confidence, long lastFrameUs, int... alternatives) {
        List<Alternative> topK = new ArrayList<>();
        topK.add(new Alternative(label, LABELS.get(label), confidence));
        for (int alternative : alternatives) {
            topK.add(new Alternative(alternative, LABELS.get(alternative), 0.01f));
        }
        return new DecodedWord(index, label, LABELS.get(label), confidence, topK, 0, lastFrameUs, 0, 0, 0);
    }

    private static SessionTruth sign(String id, String gloss, long lastFrameUs) {
        return SessionTruth.of(id, List.of(new TruthSign(0, gloss, 0, lastFrameUs)), List.of());
    }

    @Test
    void oneRightWordIsATop1HitAndItsDelayIsMeasured() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        SessionScore score = scorer.add(sign("s", "b", 1_000_000), List.of(word(0, 2, 0.9f, 1_250_000, 1, 3)));
        assertThat(score.correct()).isTrue();
        assertThat(score.delaysMs()).containsExactly(250.0);
        ScoreSummary summary = scorer.summary();
        assertThat(summary.top1()).isEqualTo(1.0);
        assertThat(summary.top5()).isEqualTo(1.0);
        assertThat(summary.delays().median()).isEqualTo(250.0);
        assertThat(summary.confusion(2, 2)).isEqualTo(1);
    }

    @Test
    void noWordAnswersTheIdleClassAndEarnsNoTop5CreditByATie() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        // "a" is class 1: with only the idle class ranked, a tie among the rest must not put it in the top 5
        SessionScore score = scorer.add(sign("s", "a", 1_000_000), List.of());
        assertThat(score.predicted()).isEqualTo("<idle>");
        assertThat(score.correct()).isFalse();
        ScoreSummary summary = scorer.summary();
        assertThat(summary.top1()).isZero();
        assertThat(summary.top5()).isZero();
        assertThat(summary.zeroWordClips()).isEqualTo(1);
        assertThat(summary.confusion(1, 0)).isEqualTo(1);
    }

    @Test
    void theTrueClassAmongTheAlternativesEarnsTop5Only() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        scorer.add(sign("s", "d", 1_000_000), List.of(word(0, 1, 0.7f, 1_100_000, 2, 4)));
        ScoreSummary summary = scorer.summary();
        assertThat(summary.top1()).isZero();
        assertThat(summary.top5()).isEqualTo(1.0);
    }

    @Test
    void ofSeveralWordsTheMostConfidentIsTheAnswerAndTheSessionIsCounted() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        SessionScore score = scorer.add(sign("s", "c", 1_000_000),
                List.of(word(0, 1, 0.7f, 600_000), word(1, 3, 0.95f, 1_100_000), word(2, 3, 0.95f, 1_500_000)));
        assertThat(score.predicted()).isEqualTo("c");
        assertThat(score.correct()).isTrue();
        assertThat(score.hypothesis()).containsExactly("a", "c", "c");
        assertThat(score.delaysMs()).as("a session with extra words is not exact").isEmpty();
        assertThat(scorer.summary().multiWordClips()).isEqualTo(1);
        assertThat(scorer.summary().top1()).isEqualTo(1.0);
    }

    @Test
    void anIdleSessionIsRightOnlyWithoutWords() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        SessionTruth idle = SessionTruth.of("i", List.of(), List.of());
        assertThat(idle.kind()).isEqualTo(SessionTruth.Kind.IDLE);
        assertThat(scorer.add(idle, List.of()).correct()).isTrue();
        assertThat(scorer.add(SessionTruth.of("j", List.of(), List.of()), List.of(word(0, 2, 0.8f, 0))).correct()).isFalse();
        ScoreSummary summary = scorer.summary();
        assertThat(summary.isolatedClips()).isEqualTo(2);
        assertThat(summary.top1()).isEqualTo(0.5);
        assertThat(summary.zeroWordClips()).as("only signs without a word count there").isZero();
    }

    @Test
    void sentencesAreScoredByWordErrorRateAndOnlyExactOnesGiveDelays() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        SessionTruth exact = SessionTruth.of("x", List.of(new TruthSign(0, "a", 0, 1_000_000),
                new TruthSign(1, "b", 1_500_000, 2_000_000)), List.of("s1"));
        SessionTruth wrong = SessionTruth.of("y", List.of(new TruthSign(0, "c", 0, 1_000_000),
                new TruthSign(1, "d", 1_500_000, 2_000_000)), List.of("s2"));
        assertThat(scorer.add(exact, List.of(word(0, 1, 0.9f, 1_200_000), word(1, 2, 0.9f, 2_400_000))).errors()).isZero();
        assertThat(scorer.add(wrong, List.of(word(0, 3, 0.9f, 1_200_000))).errors()).isEqualTo(1);
        ScoreSummary summary = scorer.summary();
        assertThat(summary.sentences()).isEqualTo(2);
        assertThat(summary.referenceWords()).isEqualTo(4);
        assertThat(summary.wer()).isEqualTo(0.25);
        assertThat(summary.exactSentences()).isEqualTo(0.5);
        assertThat(summary.delays().values()).containsExactly(200.0, 400.0);
        assertThat(summary.isolatedClips()).isZero();
        assertThat(summary.top1()).isNaN();
    }

    @Test
    void glossesAndClassesTheModelDoesNotKnowAreErrors() {
        WordScorer scorer = new WordScorer(LABELS, 0);
        assertThatThrownBy(() -> scorer.add(sign("s", "zz", 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'zz'");
        DecodedWord alien = new DecodedWord(0, 42, "?", 0.9f, List.of(), 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> scorer.add(sign("s", "a", 1), List.of(alien)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 42");
    }
}
