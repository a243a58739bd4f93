package dev.signstream.app;

import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.ReplayEvaluation;
import dev.signstream.eval.replay.ReplayOptions;
import dev.signstream.eval.replay.ReplayProgress;
import dev.signstream.eval.replay.ReplayReport;
import dev.signstream.eval.report.ReportWriter;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.schemas.KafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The replay side of {@code signstream eval --frames-topic}: runs the evaluation with a progress bar
 * per model (records of the range committed), writes the report folder and prints the summary.
 */
final class ReplayEval {

    private final KafkaSettings kafka;
    private final ReplayOptions options;
    private final Path reportDir;

    ReplayEval(KafkaSettings kafka, String framesTopic, Optional<Instant> from, List<Path> models, int threads,
               int maxBatch, RuntimeOptions runtime, boolean keepTopics, Duration stallTimeout, Path reportDir) {
        this.kafka = kafka;
        this.options = new ReplayOptions(framesTopic, from, models, threads, maxBatch, runtime, keepTopics, stallTimeout);
        this.reportDir = reportDir;
    }

    int run(PrintWriter out) throws InterruptedException {
        ReplayReport report;
        try (Bars bars = new Bars()) {
            report = ReplayEvaluation.run(kafka, options, bars);
        }
        Path html = ReportWriter.write(report, reportDir);
        out.printf(Locale.ROOT, "topic %s: %d sessions (%d scored), %.1f s of video, %d chunks%n",
                report.recording().range().topic(), report.recording().sessions().size(),
                report.recording().sessions().stream().filter(s -> s.scored()).count(), report.recording().videoSeconds(),
                report.recording().chunks());
        for (ModelResult model : report.models()) {
            double delay = model.score().delays().median();
            out.printf(Locale.ROOT, "model %s (%s): isolated %d  top-1 %.4f  top-5 %.4f  macro-F1 %.4f | sentences %d"
                            + "  WER %.4f | median delay %s | %.1fx real time (%.0f frames/s) | dead letters %d%n",
                    model.model(), model.version(), model.score().isolatedClips(), model.score().top1(),
                    model.score().top5(), model.score().macroF1(), model.score().sentences(), model.score().wer(),
                    Double.isNaN(delay) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", delay),
                    model.throughput().realTimeFactor(), model.throughput().framesPerSecond(), model.deadLetters().size());
        }
        out.println("report: " + html.toAbsolutePath());
        out.println(ReportWriter.summaryLine(report));
        out.flush();
        return 0;
    }

    /** One progress bar per model, on stderr. */
    private static final class Bars implements ReplayProgress, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void modelStarted(int index, String model, long records) {
            close();
            bar = new ProgressBarBuilder().setTaskName("replay #" + (index + 1) + " " + model).setInitialMax(records)
                    .setUnit(" chunks", 1).build();
        }

        @Override
        public void processed(int index, long records) {
            if (bar != null) {
                bar.stepTo(records);
            }
        }

        @Override
        public void modelDone(int index) {
            close();
        }

        /** Ctrl-C: the replay closes its processor and deletes its topics before the command ends. */
        @Override
        public boolean stopRequested() {
            return Shutdown.requested();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
