package dev.signstream.eval.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.eval.record.LabelledSessions;
import dev.signstream.eval.record.RecordProgress;
import dev.signstream.eval.record.RecordSettings;
import dev.signstream.eval.record.RecordSummary;
import dev.signstream.eval.record.Recorder;
import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.ReplayEvaluation;
import dev.signstream.eval.replay.ReplayFixtures;
import dev.signstream.eval.replay.ReplayOptions;
import dev.signstream.eval.replay.ReplayProgress;
import dev.signstream.eval.replay.ReplayReport;
import dev.signstream.eval.report.ReportWriter;
import dev.signstream.eval.scoring.ScoreSummary;
import dev.signstream.eval.scoring.SessionScore;
import dev.signstream.eval.scoring.SessionTruth;
import dev.signstream.eval.scoring.TruthSign;
import dev.signstream.eval.scoring.WordScorer;
import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.corpus.CorpusProgress;
import dev.signstream.synth.corpus.CorpusSpec;
import dev.signstream.synth.corpus.CorpusWriter;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance check of replay evaluation: a generated corpus split recorded into a topic (raw
 * frames, so the processor sees exactly the pixels the offline path decodes) and replayed through the
 * processor gives, clip by clip, the words the offline runtime path gives, and so the same accuracy:
 * the same WER as {@link OfflineEvaluation} on the sentence clips, and the same isolated-word top-1,
 * top-5 and macro-F1 as the same scoring of the offline transcripts. It lives in this package to
 * transcribe clips with the offline evaluation's own {@link ClipRunner}.
 */
@WithKafka
class ReplayAgreesWithOfflineTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayAgreesWithOfflineTest.class);

    @TempDir
    Path dir;

    @Test
    void aRecordedCorpusReplaysToTheOfflineWordsAndAccuracy(KafkaStack stack) throws Exception {
        // Given a small corpus and a model that knows its glosses
        int clips = ReplayFixtures.writeCorpus(dir.resolve("corpus"));
        Path model = ReplayFixtures.model(dir.resolve("model"), Map.of("min_confidence", 0.3));
        Corpus corpus = Corpus.read(dir.resolve("corpus"));
        assertThat(corpus.split("test")).hasSize(clips);

        Agreement agreement = replayAndRunOffline(stack, corpus, model);

        // the model did emit words, so the comparison is not between two empty sets
        assertThat(agreement.offlineWords()).isGreaterThan(clips / 2);
    }

    /**
     * The same with the trained model on a larger TEST split (two clips of every sign, four idle clips,
     * every sentence once): words that mean something, so the decision delays are compared too.
     */
    @Test
    @Tag("soak")
    void theTrainedModelReplaysToTheOfflineWordsAndAccuracy(KafkaStack stack) throws Exception {
        Path model = Path.of(System.getProperty("signstream.model", "../models/ksl-synth-small"));
        assertThat(model.resolve("model.json")).as("the soak test needs the trained model (-Dsignstream.model=DIR)")
                .isRegularFile();
        new CorpusWriter(Vocabulary.standard(), Sentences.standard()).write(new CorpusSpec(dir.resolve("corpus"),
                SignerPool.TEST, 2, 4, Sentences.standard().size(), 12, 1, 64, 15, 2, false), CorpusProgress.NONE);
        Agreement agreement = replayAndRunOffline(stack, Corpus.read(dir.resolve("corpus")), model);
        assertThat(agreement.replay().score().delays().count()).isPositive();
    }

    /** What the two paths gave. */
    private record Agreement(ModelResult replay, EvalReport offline, long offlineWords) {
    }

    /**
     * Records the corpus's test split (raw frames, so the processor sees exactly the pixels the offline
     * path decodes), replays it, runs the same clips offline, and checks they agree clip by clip.
     */
    private Agreement replayAndRunOffline(KafkaStack stack, Corpus corpus, Path modelDir) throws Exception {
        int clips = corpus.split("test").size();
        // When the test split is recorded and replayed
        String prefix = "agree-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        String topic = prefix + "recording";
        RecordSummary recorded;
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 3, (short) 1, Optional.empty(),
                FrameEncoding.RAW_RGB24, 3, 8, 2, "agreement-test"))) {
            recorded = recorder.record(LabelledSessions.corpus(corpus, "test", 64, "rec"), RecordProgress.NONE);
        }
        ReplayReport replay = ReplayEvaluation.run(settings, ReplayOptions.of(topic, Optional.empty(), List.of(modelDir))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1)), ReplayProgress.NONE);
        ModelResult replayed = replay.models().get(0);

        // and the same clips run offline
        EvalReport offline;
        Map<String, List<DecodedWord>> offlineWords = new HashMap<>();
        ScoreSummary offlineSummary;
        try (StreamModel model = StreamModel.load(modelDir, RuntimeOptions.cpu().withIntraOpThreads(1))) {
            offline = OfflineEvaluation.run(model, corpus, "test", 2, EvalProgress.NONE);
            ClipRunner runner = new ClipRunner(model, model.newPredictor());
            WordScorer scorer = new WordScorer(model.manifest().labels(), model.manifest().idleIndex());
            for (CorpusClip clip : corpus.split("test")) {
                List<DecodedWord> words = runner.transcribe(corpus.fileOf(clip), clip).words();
                String session = "rec:" + clip.file().substring(0, clip.file().lastIndexOf('.')).replace('/', ':')
                        .replace('<', '_').replace('>', '_');
                offlineWords.put(session, words);
                scorer.add(truthOf(session, clip), words);
            }
            offlineSummary = scorer.summary();
        }
        long emitted = offlineWords.values().stream().mapToLong(List::size).sum();
        LOG.info("{} clips, {} words offline; replay {}; offline {}", clips, emitted,
                ReportWriter.summaryLine(replay), offline.toJsonLine());

        // Then every clip was recorded, replayed and scored
        assertThat(recorded.sessions()).isEqualTo(clips);
        assertThat(replay.recording().sessions()).hasSize(clips);
        assertThat(replay.recording().unreadable()).isZero();
        assertThat(replayed.deadLetters()).isEmpty();
        assertThat(replayed.notEnded()).isEmpty();
        assertThat(replayed.duplicateWords()).isZero();
        assertThat(replayed.sessions()).hasSize(clips);
        assertThat(replayed.sessions()).extracting(SessionScore::kind)
                .contains(SessionTruth.Kind.SIGN, SessionTruth.Kind.IDLE, SessionTruth.Kind.SENTENCE);

        // clip by clip, the replay emitted the offline words
        for (SessionScore session : replayed.sessions()) {
            List<DecodedWord> expected = offlineWords.get(session.sessionId());
            assertThat(expected).as("offline words of %s", session.sessionId()).isNotNull();
            assertThat(session.hypothesis()).as(session.sessionId())
                    .isEqualTo(expected.stream().map(DecodedWord::gloss).toList());
        }
        // and the accuracy is the offline accuracy
        ScoreSummary score = replayed.score();
        assertThat(score.sentences()).isEqualTo(offline.sentences().clips());
        assertThat(score.referenceWords()).isEqualTo(offline.sentences().words());
        assertThat(score.wer()).isEqualTo(offline.sentences().wer());
        assertThat(score.exactSentences()).isEqualTo(offline.sentences().exact());
        assertThat(score.isolatedClips()).isEqualTo(offline.clips()).isEqualTo(offlineSummary.isolatedClips());
        assertThat(score.top1()).isEqualTo(offlineSummary.top1());
        assertThat(score.top5()).isEqualTo(offlineSummary.top5());
        assertThat(score.macroF1()).isEqualTo(offlineSummary.macroF1());
        assertThat(score.zeroWordClips()).isEqualTo(offlineSummary.zeroWordClips());
        assertThat(score.multiWordClips()).isEqualTo(offlineSummary.multiWordClips());
        assertThat(score.delays().values()).containsExactly(offlineSummary.delays().values());
        assertThat(replayed.throughput().frames()).isEqualTo(offline.frames()).isEqualTo(recorded.frames());
        return new Agreement(replayed, offline, emitted);
    }

    /** The truth of a clip from its manifest line, in the form the replay reads it from the headers. */
    private static SessionTruth truthOf(String session, CorpusClip clip) {
        List<TruthSign> signs = new ArrayList<>();
        for (int i = 0; i < clip.signs().size(); i++) {
            CorpusClip.SignSpan span = clip.signs().get(i);
            signs.add(new TruthSign(i, span.gloss(), Math.round(span.start() * 1e6 / clip.fps()),
                    Math.round((span.end() - 1) * 1e6 / clip.fps())));
        }
        List<String> sentences = clip.kind() == CorpusClip.Kind.SENTENCE ? List.of("sentence") : List.of();
        return SessionTruth.of(session, signs, sentences);
    }
}
