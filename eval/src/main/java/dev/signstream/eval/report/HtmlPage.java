package dev.signstream.eval.report;

import dev.signstream.eval.replay.DeadLetterSummary;
import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.Recording;
import dev.signstream.eval.replay.ReplayReport;
import dev.signstream.eval.replay.SessionRecord;
import dev.signstream.eval.replay.Throughput;
import dev.signstream.eval.scoring.SessionScore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code report.html}: one static page, no scripts, images next to it. Models are side by side in
 * every table, so comparing two models on the same recording is one look.
 */
final class HtmlPage {

    private static final String STYLE = """
            body{font-family:"NanumGothic","Noto Sans KR",system-ui,sans-serif;margin:2rem auto;max-width:1100px;
            color:#1d2733;padding:0 1rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde3}
            .sub{color:#5a6672;margin-top:0}
            table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
            th,td{border:1px solid #d8dde3;padding:.3rem .6rem;text-align:left;vertical-align:top}
            th{background:#f1f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .bad{color:#b3261e}.ok{color:#1b6e2f}
            .figures{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
            .figures figure{flex:1 1 420px;max-width:640px}
            figure{margin:1rem 0}figcaption{color:#5a6672;font-size:.85rem}
            img{max-width:100%;border:1px solid #d8dde3}
            details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
            """;

    private final ReplayReport report;
    private final List<String> confusionImages;
    private final String latencyImage;
    private final StringBuilder html = new StringBuilder(64 * 1024);

    /**
     * @param confusionImages per model, the file name of its confusion matrix image, or null if none
     * @param latencyImage    file name of the latency chart, or null if none
     */
    HtmlPage(ReplayReport report, List<String> confusionImages, String latencyImage) {
        this.report = report;
        this.confusionImages = confusionImages;
        this.latencyImage = latencyImage;
    }

    String render() {
        Recording recording = report.recording();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Replay evaluation: ").append(Html.escape(recording.range().topic())).append("</title>")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Replay evaluation of <code>").append(Html.escape(recording.range().topic())).append("</code></h1>\n");
        html.append("<p class=\"sub\">run ").append(Html.escape(report.runId())).append(", started ")
                .append(Html.escape(report.startedAt().toString())).append(", range ")
                .append(Html.escape(recording.range().from().map(t -> "from " + t).orElse("from the beginning")))
                .append(" to the end at the start (").append(recording.range().records()).append(" records)</p>\n");
        recordingSection(recording);
        accuracySection();
        latencySection();
        throughputSection();
        problemsSection(recording);
        sessionsSection();
        html.append("</body></html>\n");
        return html.toString();
    }

    private void recordingSection(Recording recording) {
        html.append("<h2>Recording</h2>\n<table><tr><th>sessions</th><th>scored</th>");
        Map<String, Long> kinds = ReportJson.kinds(recording);
        kinds.keySet().forEach(k -> html.append("<th>").append(Html.escape(k)).append("</th>"));
        html.append("<th>chunks</th><th>frames</th><th>video</th></tr>\n<tr>");
        cell(recording.sessions().size());
        cell(recording.sessions().stream().filter(SessionRecord::scored).count());
        kinds.values().forEach(this::cell);
        cell(recording.chunks());
        cell(recording.frames());
        cell(format("%.1f s", recording.videoSeconds()));
        html.append("</tr></table>\n");
    }

    private void accuracySection() {
        html.append("<h2>Accuracy</h2>\n<p>Isolated sessions (one sign, or rest): the answer is the emitted word; ")
                .append("no word answers the idle class, several words the most confident one. Sentences: word error ")
                .append("rate of the emitted glosses.</p>\n<table>");
        header("");
        row("model version", m -> Html.escape(m.version()));
        row("isolated sessions", m -> Long.toString(m.score().isolatedClips()));
        row("top-1", m -> ratio(m.score().top1()));
        row("top-5", m -> ratio(m.score().top5()));
        row("macro-F1", m -> ratio(m.score().macroF1()));
        row("signs without a word", m -> Long.toString(m.score().zeroWordClips()));
        row("isolated sessions with several words", m -> Long.toString(m.score().multiWordClips()));
        row("sentence sessions", m -> Long.toString(m.score().sentences()));
        row("reference words", m -> Long.toString(m.score().referenceWords()));
        row("word errors", m -> Long.toString(m.score().wordErrors()));
        row("WER", m -> ratio(m.score().wer()));
        row("exact sentences", m -> ratio(m.score().exactSentences()));
        html.append("</table>\n<div class=\"figures\">\n");
        for (int i = 0; i < report.models().size(); i++) {
            ModelResult model = report.models().get(i);
            String image = confusionImages.get(i);
            if (image == null) {
                html.append("<p>").append(Html.escape(ReportWriter.modelLabel(model, i)))
                        .append(": no isolated session was scored, so there is no confusion matrix.</p>\n");
            } else {
                html.append("<figure><a href=\"").append(Html.escape(image)).append("\"><img src=\"")
                        .append(Html.escape(image)).append("\" alt=\"confusion matrix of ").append(Html.escape(model.model()))
                        .append("\"></a><figcaption>Confusion matrix of ")
                        .append(Html.escape(ReportWriter.modelLabel(model, i))).append(": ")
                        .append(Html.escape(ConfusionChart.describe(model.score())))
                        .append("; true class down, answer across (the image links to full size).</figcaption></figure>\n");
            }
        }
        html.append("</div>\n");
    }

    private void latencySection() {
        html.append("<h2>Latency</h2>\n<p>For each word of an exactly recognised session: capture time of the frame ")
                .append("at which the word was decided minus that of its sign's last frame (event time: the video the ")
                .append("model needed after the sign; a live viewer waits this plus transport and processing).</p>\n<table>");
        header("");
        row("words measured", m -> Integer.toString(m.score().delays().count()));
        row("median", m -> ms(m.score().delays().median()));
        row("p90", m -> ms(m.score().delays().at(90)));
        row("p99", m -> ms(m.score().delays().at(99)));
        html.append("</table>\n");
        if (latencyImage == null) {
            html.append("<p>No session was recognised exactly, so there is no latency chart.</p>\n");
        } else {
            html.append("<figure><img src=\"").append(Html.escape(latencyImage))
                    .append("\" alt=\"word decision delay histogram\"><figcaption>Decision delay of every measured word.")
                    .append("</figcaption></figure>\n");
        }
    }

    private void throughputSection() {
        html.append("<h2>Throughput</h2>\n<p>Processing time runs from the replay's Kafka Streams client reaching ")
                .append("RUNNING to the last word event it emitted; start-up is the model load and joining the group.");
        if (report.models().size() > 1) {
            html.append(" The first replay of a run also warms the JVM up (JIT compilation), so on a short recording its ")
                    .append("speed is understated; the benchmark harness warms up before it measures (docs/performance.md).");
        }
        html.append("</p>\n<table>");
        header("");
        row("stored video", m -> format("%.1f s", m.throughput().videoSeconds()));
        row("processing", m -> format("%.2f s", m.throughput().processingSeconds()));
        row("x real time", m -> format("%.1f", m.throughput().realTimeFactor()));
        row("frames per second", m -> format("%.0f", m.throughput().framesPerSecond()));
        row("start-up", m -> format("%.2f s", m.throughput().startupSeconds()));
        row("x real time, start-up included", m -> format("%.1f", m.throughput().realTimeFactorTotal()));
        row("ONNX calls (mean batch)", m -> {
            Throughput t = m.throughput();
            return t.onnxCalls() + " (" + format("%.2f", t.meanBatch()) + ")";
        });
        html.append("</table>\n");
    }

    private void problemsSection(Recording recording) {
        html.append("<h2>Left out</h2>\n");
        long excluded = recording.sessions().stream().filter(s -> s.exclusion().isPresent()).count();
        long unlabelled = recording.sessions().stream().filter(s -> s.truth().isEmpty()).count();
        html.append("<p>").append(excluded).append(" session(s) of the range are not scored, ").append(unlabelled)
                .append(" have no ground truth, ").append(recording.unreadable()).append(" record(s) were unreadable.</p>\n");
        if (excluded > 0) {
            html.append("<details><summary>sessions not scored</summary><table><tr><th>session</th><th>reason</th></tr>");
            for (SessionRecord session : recording.sessions()) {
                session.exclusion().ifPresent(reason -> html.append("<tr><td>").append(Html.escape(session.sessionId()))
                        .append("</td><td>").append(Html.escape(reason)).append("</td></tr>"));
            }
            html.append("</table></details>\n");
        }
        for (String reason : recording.unreadableReasons()) {
            html.append("<p class=\"bad\">").append(Html.escape(reason)).append("</p>\n");
        }
        for (int i = 0; i < report.models().size(); i++) {
            ModelResult model = report.models().get(i);
            if (model.deadLetters().isEmpty() && model.notEnded().isEmpty()) {
                continue;
            }
            html.append("<details><summary>").append(Html.escape(ReportWriter.modelLabel(model, i))).append(": ")
                    .append(model.deadLetters().size()).append(" dead letter(s), ").append(model.notEnded().size())
                    .append(" session(s) not ended</summary><table><tr><th>partition/offset</th><th>session</th>")
                    .append("<th>stage</th><th>reason</th></tr>");
            for (DeadLetterSummary letter : model.deadLetters()) {
                html.append("<tr><td>").append(letter.partition()).append('/').append(letter.offset()).append("</td><td>")
                        .append(Html.escape(letter.session())).append("</td><td>").append(Html.escape(letter.stage()))
                        .append("</td><td>").append(Html.escape(letter.reason())).append("</td></tr>");
            }
            for (String session : model.notEnded()) {
                html.append("<tr><td></td><td>").append(Html.escape(session)).append("</td><td></td><td>never ended</td></tr>");
            }
            html.append("</table></details>\n");
        }
    }

    private void sessionsSection() {
        html.append("<h2>Sessions</h2>\n");
        for (int i = 0; i < report.models().size(); i++) {
            ModelResult model = report.models().get(i);
            long wrong = model.sessions().stream().filter(s -> !s.correct()).count();
            html.append("<details><summary>").append(Html.escape(ReportWriter.modelLabel(model, i))).append(": ")
                    .append(model.sessions().size()).append(" scored, ").append(wrong).append(" with errors</summary>")
                    .append("<table><tr><th>session</th><th>kind</th><th>reference</th><th>emitted</th>")
                    .append("<th>errors</th></tr>");
            for (SessionScore session : model.sessions()) {
                html.append("<tr><td>").append(Html.escape(session.sessionId())).append("</td><td>")
                        .append(session.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(Html.escape(String.join(" ", session.reference()))).append("</td><td>")
                        .append(Html.escape(String.join(" ", session.hypothesis()))).append("</td><td class=\"num ")
                        .append(session.correct() ? "ok" : "bad").append("\">").append(session.errors())
                        .append("</td></tr>");
            }
            html.append("</table></details>\n");
        }
    }

    private void header(String first) {
        html.append("<tr><th>").append(Html.escape(first)).append("</th>");
        for (int i = 0; i < report.models().size(); i++) {
            html.append("<th>").append(Html.escape(ReportWriter.modelLabel(report.models().get(i), i))).append("</th>");
        }
        html.append("</tr>\n");
    }

    private void row(String name, Function<ModelResult, String> value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th>");
        for (ModelResult model : report.models()) {
            html.append("<td class=\"num\">").append(value.apply(model)).append("</td>");
        }
        html.append("</tr>\n");
    }

    private void cell(Object value) {
        html.append("<td class=\"num\">").append(Html.escape(String.valueOf(value))).append("</td>");
    }

    private static String ratio(double value) {
        return Double.isFinite(value) ? format("%.4f", value) : "n/a";
    }

    private static String ms(double value) {
        return Double.isFinite(value) ? format("%.0f ms", value) : "n/a";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
