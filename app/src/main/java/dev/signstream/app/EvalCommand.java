package dev.signstream.app;

import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.offline.EvalReport;
import dev.signstream.eval.offline.OfflineEvaluation;
import dev.signstream.inference.engine.Device;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream eval}: a model on a corpus split, offline (no Kafka). */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a model folder on one split of a corpus (docs/corpus-format.md), offline, without Kafka.",
            "Isolated sign and idle clips: top-1, top-5, macro-F1 (logits after a clip's last frame).",
            "Sentence clips: word error rate of the word decoder.",
            "Progress goes to stderr; the last line on stdout is a one-line JSON summary."
        })
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--corpus", required = true, description = "Corpus folder (labels.json, manifest.jsonl, clips).")
    Path corpus;

    @Option(names = "--model", required = true, description = "Model folder (model.onnx, model.json, labels.json).")
    Path model;

    @Option(names = "--split", defaultValue = "test", description = "Corpus split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--threads", defaultValue = "2",
            description = "Clips evaluated at once; their steps share batched ONNX calls (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (gpu needs the -Pgpu build and CUDA).")
    String device;

    @Option(names = "--onnx-threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads; 0 = one per core (default).")
    int onnxThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        }
        if (onnxThreads < 0) {
            throw new IllegalArgumentException("--onnx-threads must be 0 or more, not " + onnxThreads);
        }
        RuntimeOptions options = new RuntimeOptions(Device.parse(device), onnxThreads, 0);
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
        out.printf(Locale.ROOT, "isolated clips: %d  top-1 %.4f  top-5 %.4f  macro-F1 %.4f%n", report.clips(), report.top1(),
                report.top5(), report.macroF1());
        out.printf(Locale.ROOT, "sentences: %d (%d words)  WER %.4f  exact %.4f  median word delay after sign end %.0f ms%n",
                report.sentences(), report.words(), report.wer(), report.exactSentences(), report.medianDelayMs());
        out.printf(Locale.ROOT, "%d frames in %.1f s: %.1f frames/s%n", report.frames(), report.seconds(), report.framesPerSecond());
        out.println(report.toJsonLine());
        out.flush();
        return 0;
    }
}
