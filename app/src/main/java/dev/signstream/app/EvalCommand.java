package dev.signstream.app;

import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.offline.EvalReport;
import dev.signstream.eval.offline.OfflineEvaluation;
import dev.signstream.eval.replay.ReplayOptions;
import dev.signstream.inference.engine.Device;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.synth.signer.SignerPool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.common.acl.AclOperation;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream eval}: a model on a corpus split, offline (no Kafka), or models on a stored frames topic (replay). */
@Command(name = "eval",
        header = "Evaluates models offline on a corpus, or by replaying a recorded frames topic.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = EvalCommand.Defaults.class,
        description = {
            "Evaluates a model folder on one split of a corpus (docs/corpus-format.md), offline, without Kafka.",
            "Isolated sign and idle clips: top-1, top-5, macro-F1 (logits after a clip's last frame).",
            "Sentence clips: word error rate of the word decoder.",
            "With --frames-topic instead: replays a recorded topic (signstream record)",
            "through the processor under a fresh application id with isolated output topics,",
            "for one or more --model, and writes report.html and report.json to --report",
            "(docs/evaluation.md).",
            "Progress goes to stderr; the last line on stdout is a one-line JSON summary."
        })
final class EvalCommand implements Callable<Integer> {

    /** The defaults of {@link ReplayOptions} and {@link RuntimeOptions}. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            RuntimeOptions runtime = RuntimeOptions.cpu();
            put("--max-batch", ReplayOptions.DEFAULT_MAX_BATCH);
            put("--split", SignerPool.TEST.key());
            put("--threads", ReplayOptions.DEFAULT_STREAM_THREADS);
            put("--device", runtime.device());
            put("--onnx-threads", runtime.intraOpThreads());
        }
    }

    @Option(names = "--corpus", description = "Corpus folder (labels.json, manifest.jsonl, clips).")
    Path corpus;

    @Option(names = "--model", required = true,
            description = "Model folder (model.onnx, model.json, labels.json); repeat it to compare models on a --frames-topic.")
    List<Path> models;

    @Option(names = "--frames-topic", paramLabel = "TOPIC", description = "Replay this stored frames topic instead of a corpus.")
    String framesTopic;

    @Option(names = "--from-beginning", description = "Replay the topic from its beginning (the default).")
    boolean fromBeginning;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Replay records written at or after TIME (e.g. 2025-06-01T12:00:00Z, 2025-06-01T12:00, 2025-06-01).")
    Instant from;

    @Option(names = "--report", paramLabel = "DIR", description = "Replay: folder for report.html, report.json and the charts.")
    Path reportDir;

    @Option(names = "--max-batch", description = "Replay: most sessions in one ONNX call (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--keep-topics", description = "Replay: keep the isolated words and dead-letter topics for inspection.")
    boolean keepTopics;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--split", description = "Corpus split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--threads",
            description = "Clips evaluated at once, or the replay's stream threads; their steps share batched ONNX calls "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--device",
            description = "cpu or gpu (gpu needs the -Pgpu build and CUDA); default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--onnx-threads",
            description = "ONNX Runtime intra-op threads per call; 0 lets ONNX Runtime choose (default: ${DEFAULT-VALUE}).")
    int onnxThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        RuntimeOptions options = new RuntimeOptions(Device.parse(device), onnxThreads, 0);
        if ((corpus == null) == (framesTopic == null)) {
            throw new IllegalArgumentException("give either --corpus DIR (offline) or --frames-topic TOPIC (replay)");
        }
        if (framesTopic != null) {
            return replay(options);
        }
        if (models.size() != 1) {
            throw new IllegalArgumentException("offline evaluation takes one --model; compare models with --frames-topic");
        }
        Path model = models.get(0);
        Corpus clips = Corpus.read(corpus);
        PrintWriter out = spec.commandLine().getOut();
        EvalReport report;
        try (StreamModel loaded = StreamModel.load(model, options)) {
            int total = clips.split(split).size();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("eval " + split).setInitialMax(total)
                    .setUnit(" clips", 1).build()) {
                report = OfflineEvaluation.run(loaded, clips, split, threads, (done, all) -> bar.stepTo(done));
            }
        }
        out.printf(Locale.ROOT, "model %s (%s) on %s, split %s%n", report.model(), report.version(), corpus, report.split());
        out.printf(Locale.ROOT, "isolated clips: %d  top-1 %.4f  top-5 %.4f  macro-F1 %.4f  (no word: %d, several: %d)%n",
                report.clips(), report.top1(), report.top5(), report.macroF1(), report.noWordClips(),
                report.multiWordClips());
        printTranscription(out, "sentences", report.sentences());
        printTranscription(out, "random sign sequences", report.sequences());
        out.printf(Locale.ROOT, "word delay after its sign's last frame: median %.0f ms, p95 %.0f ms; word onset %.0f ms"
                + " after the sign's first frame (median)%n", report.medianDelayMs(), report.p95DelayMs(),
                report.medianOnsetErrorMs());
        out.printf(Locale.ROOT, "%d frames in %.1f s: %.1f frames/s%n", report.frames(), report.seconds(), report.framesPerSecond());
        out.println(report.toJsonLine());
        out.flush();
        return 0;
    }

    private static void printTranscription(PrintWriter out, String what, EvalReport.Transcription t) {
        out.printf(Locale.ROOT, "%s: %d (%d words)  WER %.4f  exact %.4f%n", what, t.clips(), t.words(), t.wer(), t.exact());
    }

    private int replay(RuntimeOptions options) throws InterruptedException {
        if (fromBeginning && from != null) {
            throw new IllegalArgumentException("give --from-beginning or --from TIME, not both");
        }
        if (reportDir == null) {
            throw new IllegalArgumentException("--frames-topic needs --report DIR for report.html and report.json");
        }
        var settings = kafka.settings(KafkaOptions.STREAMS_CLIENTS);
        KafkaOptions.check(settings, java.util.Map.of(framesTopic, java.util.Set.of(AclOperation.READ)));
        return new ReplayEval(settings, framesTopic, Optional.ofNullable(from), models,
                threads, maxBatch, options, keepTopics, ReplayOptions.DEFAULT_STALL_TIMEOUT, reportDir).run(spec.commandLine().getOut());
    }
}
