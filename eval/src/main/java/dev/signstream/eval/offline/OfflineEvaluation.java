package dev.signstream.eval.offline;

import dev.signstream.eval.metrics.ClassificationMetrics;
import dev.signstream.eval.metrics.WordErrorRate;
import dev.signstream.eval.scoring.Percentiles;
import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.StreamBatcher;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.model.ModelManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a model on one split of a corpus. {@code threads} workers each take clips in turn and
 * step them through one shared {@link StreamBatcher} (so concurrent clips share ONNX calls, as live
 * sessions do in the processor). Any clip that fails stops the evaluation: nothing is skipped.
 */
public final class OfflineEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineEvaluation.class);

    private OfflineEvaluation() {
    }

    public static EvalReport run(StreamModel model, Corpus corpus, String split, int threads, EvalProgress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<CorpusClip> clips = corpus.split(split);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("the corpus at " + corpus.root() + " has no clips in split '" + split + "'");
        }
        ModelManifest manifest = model.manifest();
        Map<String, Integer> classOf = classIds(manifest, clips);
        warnOnFormatMismatch(manifest, clips);
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "eval-worker"));
        try (StreamBatcher batcher = StreamBatcher.start(model, BatcherSettings.of(threads))) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Worker worker = new Worker(new ClipRunner(model, batcher), manifest.classes());
                workers.add(worker);
                futures.add(pool.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < clips.size()) {
                        worker.evaluate(corpus, clips.get(index), classOf, manifest);
                        progress.clipDone(done.incrementAndGet(), clips.size());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                await(future, next, clips.size());
            }
        } finally {
            pool.shutdownNow();
        }
        ClassificationMetrics classification = new ClassificationMetrics(manifest.classes());
        WordErrorRate sentences = new WordErrorRate();
        WordErrorRate sequences = new WordErrorRate();
        long frames = 0;
        long noWord = 0;
        long multiWord = 0;
        List<Double> delays = new ArrayList<>();
        List<Double> onsets = new ArrayList<>();
        for (Worker worker : workers) {
            classification.merge(worker.classification);
            sentences.merge(worker.sentences);
            sequences.merge(worker.sequences);
            frames += worker.runner.frames();
            noWord += worker.noWordClips;
            multiWord += worker.multiWordClips;
            delays.addAll(worker.delaysMs);
            onsets.addAll(worker.onsetErrorsMs);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Percentiles delay = new Percentiles(delays);
        return new EvalReport(manifest.name(), manifest.version(), split, classification.clips(), classification.top1(),
                classification.top5(), classification.macroF1(), noWord, multiWord, transcription(sentences),
                transcription(sequences), delay.median(), delay.at(95), new Percentiles(onsets).median(), frames,
                seconds);
    }

    private static EvalReport.Transcription transcription(WordErrorRate wer) {
        return new EvalReport.Transcription(wer.sentences(), wer.referenceWords(), wer.wer(), wer.exactRate());
    }

    private static void await(Future<?> future, AtomicInteger next, int total) {
        try {
            future.get();
        } catch (ExecutionException e) {
            next.set(total); // stop the other workers at their next clip
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("evaluation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.set(total);
            throw new IllegalStateException("evaluation interrupted", e);
        }
    }

    /** Model class id of every gloss the clips use; a gloss the model does not know is an error. */
    private static Map<String, Integer> classIds(ModelManifest manifest, List<CorpusClip> clips) {
        Map<String, Integer> ids = new HashMap<>();
        for (int c = 0; c < manifest.labels().size(); c++) {
            ids.put(manifest.labels().get(c), c);
        }
        for (CorpusClip clip : clips) {
            for (String gloss : clip.glosses()) {
                if (!ids.containsKey(gloss)) {
                    throw new IllegalArgumentException("clip " + clip.file() + " uses gloss '" + gloss
                            + "' that model " + manifest.name() + " does not know");
                }
            }
        }
        return ids;
    }

    private static void warnOnFormatMismatch(ModelManifest manifest, List<CorpusClip> clips) {
        CorpusClip first = clips.get(0);
        if (Math.abs(first.fps() - manifest.fps()) > 1e-6) {
            LOG.warn("corpus clips run at {} fps, model {} was trained at {} fps", first.fps(), manifest.name(),
                    manifest.fps());
        }
        if (first.width() != manifest.width() || first.height() != manifest.height()) {
            LOG.warn("corpus clips are {}x{}, model {} needs {}x{}: frames are rescaled while decoding", first.width(),
                    first.height(), manifest.name(), manifest.width(), manifest.height());
        }
    }

    /** One worker's runner and metrics. */
    private static final class Worker {
        final ClipRunner runner;
        final ClassificationMetrics classification;
        final WordErrorRate sentences = new WordErrorRate();
        final WordErrorRate sequences = new WordErrorRate();
        long noWordClips;
        long multiWordClips;
        /** Event-time delay of each word after its sign's last frame, in exactly decoded clips. */
        final List<Double> delaysMs = new ArrayList<>();
        /** Word's first-frame time minus its sign's first frame, in exactly decoded sentences and sequences. */
        final List<Double> onsetErrorsMs = new ArrayList<>();

        Worker(ClipRunner runner, int classes) {
            this.runner = runner;
            this.classification = new ClassificationMetrics(classes);
        }

        void evaluate(Corpus corpus, CorpusClip clip, Map<String, Integer> classOf, ModelManifest manifest) {
            ClipRunner.Transcript transcript = runner.transcribe(corpus.fileOf(clip), clip);
            List<DecodedWord> words = transcript.words();
            switch (clip.kind()) {
                case SIGN, IDLE -> classifyIsolated(clip, transcript, classOf, manifest);
                case SENTENCE, SEQUENCE -> {
                    WordErrorRate wer = clip.kind() == CorpusClip.Kind.SENTENCE ? sentences : sequences;
                    List<String> glosses = words.stream().map(DecodedWord::gloss).toList();
                    if (wer.add(clip.glosses(), glosses) == 0 && clip.signs().size() == words.size()) {
                        recordDelays(clip, words);
                    }
                }
                default -> throw new IllegalStateException("unknown clip kind " + clip.kind());
            }
        }

        /**
         * An isolated clip as a one-sign session: its answer is the most confident word (none: idle); the
         * other classes rank by their peak probability over the clip's readings.
         */
        private void classifyIsolated(CorpusClip clip, ClipRunner.Transcript transcript, Map<String, Integer> classOf,
                ModelManifest manifest) {
            List<DecodedWord> words = transcript.words();
            int truth = clip.kind() == CorpusClip.Kind.IDLE ? manifest.idleIndex() : classOf.get(clip.glosses().get(0));
            float[] scores = transcript.peakProbabilities().clone();
            scores[manifest.idleIndex()] = -1f;
            if (manifest.signingIndex() >= 0) {
                scores[manifest.signingIndex()] = -1f;
            }
            DecodedWord best = null;
            for (DecodedWord word : words) {
                if (best == null || word.confidence() > best.confidence()) {
                    best = word;
                }
            }
            scores[best == null ? manifest.idleIndex() : best.labelId()] = 2f;
            classification.add(truth, scores);
            if (words.isEmpty() && clip.kind() == CorpusClip.Kind.SIGN) {
                noWordClips++;
            }
            if (words.size() > 1) {
                multiWordClips++;
            }
            if (clip.kind() == CorpusClip.Kind.SIGN && words.size() == 1 && words.get(0).labelId() == truth) {
                double signLastFrameUs = (clip.signs().get(0).end() - 1) * 1_000_000.0 / clip.fps();
                delaysMs.add((words.get(0).lastFrameTimeUs() - signLastFrameUs) / 1000.0);
            }
        }

        private void recordDelays(CorpusClip clip, List<DecodedWord> words) {
            for (int i = 0; i < words.size(); i++) {
                double signFirstFrameUs = clip.signs().get(i).start() * 1_000_000.0 / clip.fps();
                double signLastFrameUs = (clip.signs().get(i).end() - 1) * 1_000_000.0 / clip.fps();
                delaysMs.add((words.get(i).lastFrameTimeUs() - signLastFrameUs) / 1000.0);
                onsetErrorsMs.add((words.get(i).firstFrameTimeUs() - signFirstFrameUs) / 1000.0);
            }
        }
    }
}
