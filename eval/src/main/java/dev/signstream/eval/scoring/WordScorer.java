package dev.signstream.eval.scoring;

import dev.signstream.eval.metrics.ClassificationMetrics;
import dev.signstream.eval.metrics.WordErrorRate;
import dev.signstream.inference.decoder.Alternative;
import dev.signstream.inference.decoder.DecodedWord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the words a model emitted for labelled sessions.
 *
 * <p><b>Isolated sessions</b> (one sign, or hands at rest) are scored as one classification each:
 * <ul>
 *   <li>no word: the answer is the idle class (wrong for a sign, right for an idle clip);</li>
 *   <li>one word: the answer is its class, and its top-k alternatives give the ranking for top-5;</li>
 *   <li>several words: the most confident one is the answer (the first of equals), ranked by its own
 *       top-k; the session is also counted in {@link ScoreSummary#multiWordClips()}, since a live
 *       caption would have shown the extra words.</li>
 * </ul>
 * A true class missing from the answer's top-k counts as ranked below every listed class, so it
 * never earns top-5 credit by a tie.
 *
 * <p><b>Sentences</b> (and several signs outside a sentence) are scored by the edit distance between
 * the reference glosses and the emitted glosses (word error rate).
 *
 * <p><b>Delays</b>: in a session recognised exactly (right answer from exactly one word, or a
 * sentence without an error), each word's delay is the capture time of the frame that decided it
 * minus the capture time of its sign's last frame: how much video after the sign the model needed.
 *
 * <p>Not thread-safe.
 */
public final class WordScorer {

    private final List<String> labels;
    private final int idle;
    private final Map<String, Integer> classOf = new HashMap<>();
    private final ClassificationMetrics classification;
    private final WordErrorRate wer = new WordErrorRate();
    private final List<Double> delaysMs = new ArrayList<>();
    private long zeroWordClips;
    private long multiWordClips;

    /**
     * @param labels    the model's labels, index = class id
     * @param idleIndex class id of the idle label
     */
    public WordScorer(List<String> labels, int idleIndex) {
        this.labels = List.copyOf(labels);
        if (idleIndex < 0 || idleIndex >= labels.size()) {
            throw new IllegalArgumentException("idle index " + idleIndex + " outside " + labels.size() + " labels");
        }
        this.idle = idleIndex;
        for (int c = 0; c < labels.size(); c++) {
            classOf.put(labels.get(c), c);
        }
        this.classification = new ClassificationMetrics(labels.size());
    }

    /**
     * Scores one session.
     *
     * @param truth what the session contains
     * @param words what the model emitted for it, in emission order
     * @throws IllegalArgumentException when the truth uses a gloss the model does not know, or a word
     *                                  has a class id outside the model's labels
     */
    public SessionScore add(SessionTruth truth, List<DecodedWord> words) {
        for (DecodedWord word : words) {
            if (word.labelId() < 0 || word.labelId() >= labels.size()) {
                throw new IllegalArgumentException("session " + truth.sessionId() + ": word " + word.wordIndex()
                        + " has class " + word.labelId() + ", outside the model's " + labels.size() + " labels");
            }
        }
        List<String> hypothesis = words.stream().map(DecodedWord::gloss).toList();
        return truth.kind().isolated() ? addIsolated(truth, words, hypothesis) : addSentence(truth, words, hypothesis);
    }

    private SessionScore addIsolated(SessionTruth truth, List<DecodedWord> words, List<String> hypothesis) {
        int trueClass = truth.kind() == SessionTruth.Kind.IDLE ? idle : classOf(truth, truth.signs().get(0).gloss());
        DecodedWord answer = mostConfident(words);
        List<Integer> ranking = ranking(answer);
        classification.add(trueClass, scores(ranking, trueClass));
        if (words.isEmpty() && truth.kind() == SessionTruth.Kind.SIGN) {
            zeroWordClips++;
        }
        if (words.size() > 1) {
            multiWordClips++;
        }
        boolean right = ranking.get(0) == trueClass;
        List<Double> delays = new ArrayList<>();
        if (right && words.size() == 1 && truth.kind() == SessionTruth.Kind.SIGN) {
            delays.add(delayMs(words.get(0), truth.signs().get(0)));
            delaysMs.addAll(delays);
        }
        return new SessionScore(truth.sessionId(), truth.kind(), truth.glosses(), hypothesis,
                labels.get(ranking.get(0)), right ? 0 : 1, delays);
    }

    private SessionScore addSentence(SessionTruth truth, List<DecodedWord> words, List<String> hypothesis) {
        for (TruthSign sign : truth.signs()) {
            classOf(truth, sign.gloss());
        }
        int errors = wer.add(truth.glosses(), hypothesis);
        List<Double> delays = new ArrayList<>();
        if (errors == 0) {
            for (int i = 0; i < words.size(); i++) {
                delays.add(delayMs(words.get(i), truth.signs().get(i)));
            }
            delaysMs.addAll(delays);
        }
        return new SessionScore(truth.sessionId(), truth.kind(), truth.glosses(), hypothesis, null, errors, delays);
    }

    private int classOf(SessionTruth truth, String gloss) {
        Integer c = classOf.get(gloss);
        if (c == null) {
            throw new IllegalArgumentException("session " + truth.sessionId() + " contains gloss '" + gloss
                    + "', which the model's labels do not have");
        }
        return c;
    }

    private static DecodedWord mostConfident(List<DecodedWord> words) {
        DecodedWord best = null;
        for (DecodedWord word : words) {
            if (best == null || word.confidence() > best.confidence()) {
                best = word;
            }
        }
        return best;
    }

    /** The answer's class first, then its other alternatives in order; the idle class alone for no word. */
    private List<Integer> ranking(DecodedWord answer) {
        if (answer == null) {
            return List.of(idle);
        }
        Set<Integer> ranked = new LinkedHashSet<>();
        ranked.add(answer.labelId());
        for (Alternative alternative : answer.topK()) {
            if (alternative.labelId() >= 0 && alternative.labelId() < labels.size()) {
                ranked.add(alternative.labelId());
            }
        }
        return List.copyOf(ranked);
    }

    /** Scores that reproduce the ranking; unlisted classes below it, an unlisted true class below those. */
    private float[] scores(List<Integer> ranking, int trueClass) {
        float[] scores = new float[labels.size()];
        for (int r = 0; r < ranking.size(); r++) {
            scores[ranking.get(r)] = ranking.size() - r;
        }
        if (!ranking.contains(trueClass)) {
            scores[trueClass] = -1;
        }
        return scores;
    }

    private static double delayMs(DecodedWord word, TruthSign sign) {
        return (word.lastFrameTimeUs() - sign.lastFrameUs()) / 1000.0;
    }

    /** The totals so far. */
    public ScoreSummary summary() {
        long[][] confusion = new long[labels.size()][labels.size()];
        for (int r = 0; r < labels.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                confusion[r][c] = classification.confusion(r, c);
            }
        }
        return new ScoreSummary(labels, classification.clips(), classification.top1(), classification.top5(),
                classification.macroF1(), zeroWordClips, multiWordClips, confusion, wer.sentences(),
                wer.referenceWords(), wer.errors(), wer.wer(), wer.exactRate(), new Percentiles(delaysMs));
    }
}
