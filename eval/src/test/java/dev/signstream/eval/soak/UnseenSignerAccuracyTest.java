package dev.signstream.eval.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.offline.EvalProgress;
import dev.signstream.eval.offline.EvalReport;
import dev.signstream.eval.offline.OfflineEvaluation;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recognition targets with the shipped model, on a TEST split (signers no model was trained on)
 * rendered with a seed no training run used, through {@link OfflineEvaluation} exactly as
 * {@code signstream eval} runs it: isolated top-1 at least 97 %, sentence WER at most 5 %, random
 * sign sequence WER at most 7 %, words at most 600 ms (median) and 1 s (p95) after their sign's
 * last frame and never before it (median). The default run renders a short split (under a minute);
 * the soak profile a larger one.
 */
class UnseenSignerAccuracyTest {

    private static final Logger LOG = LoggerFactory.getLogger(UnseenSignerAccuracyTest.class);
    /** No training run used this seed (training/README.md lists the corpora of the shipped model). */
    private static final long UNSEEN_SEED = 7;

    @TempDir
    Path corpus;

    @Test
    void theShippedModelMeetsTheTargetsOnAShortUnseenSplit() {
        check(new Counts(2, 10, 40, 40));
    }

    @Test
    @Tag("soak")
    void theShippedModelMeetsTheTargetsOnALargeUnseenSplit() {
        check(new Counts(Integer.getInteger("soak.per-sign", 6), 20, Integer.getInteger("soak.sentences", 120),
                Integer.getInteger("soak.sequences", 120)));
    }

    private record Counts(int perSign, int idle, int sentences, int sequences) {
    }

    private void check(Counts counts) {
        try (StreamModel model = StreamModel.load(ShippedModel.folder(), RuntimeOptions.cpu())) {
            // Given a TEST split rendered at the model's size and frame rate with an unseen seed
            CorpusSpec spec = new CorpusSpec(corpus, SignerPool.TEST, counts.perSign(), counts.idle(), counts.sentences(),
                    counts.sequences(), CorpusSpec.defaultSigners(SignerPool.TEST), UNSEEN_SEED, model.manifest().width(),
                    (int) Math.round(model.manifest().fps()), Runtime.getRuntime().availableProcessors(), false);
            new CorpusWriter(Vocabulary.standard(), Sentences.standard()).write(spec, CorpusProgress.NONE);

            // When every clip runs through the runtime and the word decoder
            EvalReport report = OfflineEvaluation.run(model, Corpus.read(corpus), "test", 2, EvalProgress.NONE);
            LOG.info("unseen test split (seed {}): {}", UNSEEN_SEED, report.toJsonLine());

            // Then the targets hold
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(report.clips()).isEqualTo((long) counts.perSign() * Vocabulary.standard().size() + counts.idle());
            soft.assertThat(report.sentences().clips()).isEqualTo(counts.sentences());
            soft.assertThat(report.sequences().clips()).isEqualTo(counts.sequences());
            soft.assertThat(report.top1()).as("isolated top-1 over %d clips", report.clips()).isGreaterThanOrEqualTo(0.97);
            soft.assertThat(report.sentences().wer()).as("sentence WER over %d words", report.sentences().words())
                    .isLessThanOrEqualTo(0.05);
            soft.assertThat(report.sequences().wer()).as("sequence WER over %d words", report.sequences().words())
                    .isLessThanOrEqualTo(0.07);
            soft.assertThat(report.medianDelayMs()).as("median delay after the sign's last frame, ms").isBetween(0.0, 600.0);
            soft.assertThat(report.p95DelayMs()).as("p95 delay after the sign's last frame, ms").isLessThanOrEqualTo(1000.0);
            soft.assertAll();
            assertThat(report.frames()).isPositive();
        }
    }
}
