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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance of the word decoder: on sentence clips of the synthetic TEST split (signers no model
 * was trained on), the runtime's word sequences reach a word error rate of at most 5 %. Renders
 * its own test split ({@code -Dsoak.sentences}, default 120 sentences) and runs it through
 * {@link OfflineEvaluation}, exactly as {@code signstream eval} does.
 */
@Tag("soak")
class TestSentencesWerSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(TestSentencesWerSoakTest.class);

    @TempDir
    Path corpus;

    @Test
    void wordErrorRateOnTestSentencesIsAtMostFivePercent() {
        Path modelFolder = ShippedModel.folder();
        int sentences = Integer.getInteger("soak.sentences", 120);
        try (StreamModel model = StreamModel.load(modelFolder, RuntimeOptions.cpu())) {
            // Given the TEST split's sentences, rendered at the model's size and frame rate
            CorpusSpec spec = new CorpusSpec(corpus, SignerPool.TEST, 0, 0, sentences,
                    CorpusSpec.defaultSigners(SignerPool.TEST), 1, model.manifest().width(),
                    (int) Math.round(model.manifest().fps()), Runtime.getRuntime().availableProcessors(), false);
            new CorpusWriter(Vocabulary.standard(), Sentences.standard()).write(spec, CorpusProgress.NONE);

            // When they run through the runtime and the word decoder
            EvalReport report = OfflineEvaluation.run(model, Corpus.read(corpus), "test", 2, EvalProgress.NONE);
            LOG.info("test sentences: {}", report.toJsonLine());

            // Then at most 5 % of the words are wrong, missing or extra
            assertThat(report.sentences().clips()).isEqualTo(sentences);
            assertThat(report.sentences().wer()).as("WER over %d words", report.sentences().words())
                    .isLessThanOrEqualTo(0.05);
        }
    }
}
