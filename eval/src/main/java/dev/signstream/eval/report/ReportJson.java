package dev.signstream.eval.report;

import dev.signstream.eval.replay.DeadLetterSummary;
import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.Recording;
import dev.signstream.eval.replay.ReplayReport;
import dev.signstream.eval.replay.SessionRecord;
import dev.signstream.eval.replay.Throughput;
import dev.signstream.eval.scoring.Percentiles;
import dev.signstream.eval.scoring.ScoreSummary;
import dev.signstream.eval.scoring.SessionScore;
import dev.signstream.eval.scoring.SessionTruth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The content of {@code report.json} and of the summary line, as ordered maps for Jackson. */
final class ReportJson {

    private ReportJson() {
    }

    /** Everything: the range, what it holds, and per model every figure and every session. */
    static Map<String, Object> report(ReplayReport report) {
        Recording recording = report.recording();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", report.runId());
        root.put("started_at", report.startedAt().toString());
        root.put("topic", recording.range().topic());
        root.put("from", recording.range().from().map(Object::toString).orElse(null));
        Map<String, Object> partitions = new TreeMap<>();
        recording.range().start().forEach((p, start) -> partitions.put(String.valueOf(p),
                Map.of("start", start, "end", recording.range().end().get(p))));
        root.put("range", Map.of("records", recording.range().records(), "partitions", partitions));
        root.put("recording", recording(recording));
        List<Object> models = new ArrayList<>();
        for (ModelResult model : report.models()) {
            models.add(model(model));
        }
        root.put("models", models);
        return root;
    }

    private static Map<String, Object> recording(Recording recording) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", recording.sessions().size());
        out.put("scored", recording.sessions().stream().filter(SessionRecord::scored).count());
        out.put("by_kind", kinds(recording));
        List<Object> excluded = new ArrayList<>();
        for (SessionRecord session : recording.sessions()) {
            session.exclusion().ifPresent(reason -> excluded.add(Map.of("session", session.sessionId(), "reason", reason)));
        }
        out.put("excluded", excluded);
        out.put("unreadable_records", recording.unreadable());
        out.put("unreadable_examples", recording.unreadableReasons());
        out.put("chunks", recording.chunks());
        out.put("frames", recording.frames());
        out.put("video_seconds", round(recording.videoSeconds(), 2));
        out.put("dropped_frames", recording.sessions().stream().mapToLong(SessionRecord::droppedFrames).sum());
        return out;
    }

    static Map<String, Long> kinds(Recording recording) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (SessionTruth.Kind kind : SessionTruth.Kind.values()) {
            kinds.put(kind.name().toLowerCase(Locale.ROOT), 0L);
        }
        kinds.put("unlabelled", 0L);
        for (SessionRecord session : recording.sessions()) {
            String kind = session.truth().map(t -> t.kind().name().toLowerCase(Locale.ROOT)).orElse("unlabelled");
            kinds.merge(kind, 1L, Long::sum);
        }
        return kinds;
    }

    private static Map<String, Object> model(ModelResult model) {
        ScoreSummary score = model.score();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.model());
        out.put("version", model.version());
        out.put("model_dir", model.modelDir().toString());
        out.put("application_id", model.applicationId());
        out.put("summary", summary(model));
        Map<String, Object> isolated = new LinkedHashMap<>();
        isolated.put("clips", score.isolatedClips());
        isolated.put("top1", number(score.top1()));
        isolated.put("top5", number(score.top5()));
        isolated.put("macro_f1", number(score.macroF1()));
        isolated.put("zero_word_clips", score.zeroWordClips());
        isolated.put("multi_word_clips", score.multiWordClips());
        out.put("isolated", isolated);
        Map<String, Object> sentences = new LinkedHashMap<>();
        sentences.put("sessions", score.sentences());
        sentences.put("reference_words", score.referenceWords());
        sentences.put("word_errors", score.wordErrors());
        sentences.put("wer", number(score.wer()));
        sentences.put("exact", number(score.exactSentences()));
        out.put("sentences", sentences);
        out.put("delay_ms", delays(score.delays()));
        out.put("throughput", throughput(model.throughput()));
        out.put("confusion", confusion(score));
        List<Object> letters = new ArrayList<>();
        for (DeadLetterSummary letter : model.deadLetters()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("partition", letter.partition());
            l.put("offset", letter.offset());
            l.put("session", letter.session());
            l.put("stage", letter.stage());
            l.put("reason", letter.reason());
            letters.add(l);
        }
        out.put("dead_letters", letters);
        out.put("not_ended", model.notEnded());
        out.put("duplicate_words", model.duplicateWords());
        out.put("words_outside_range", model.wordsOutsideRange());
        List<Object> sessions = new ArrayList<>();
        for (SessionScore session : model.sessions()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("session", session.sessionId());
            s.put("kind", session.kind().name().toLowerCase(Locale.ROOT));
            s.put("reference", session.reference());
            s.put("hypothesis", session.hypothesis());
            s.put("answer", session.predicted());
            s.put("errors", session.errors());
            s.put("delays_ms", session.delaysMs().stream().map(d -> round(d, 1)).toList());
            sessions.add(s);
        }
        out.put("sessions", sessions);
        return out;
    }

    /** The flat summary of one model: the offline evaluation's fields first, then the replay's own. */
    static Map<String, Object> summary(ModelResult model) {
        ScoreSummary score = model.score();
        Throughput speed = model.throughput();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clips", score.isolatedClips());
        out.put("top1", number(score.top1()));
        out.put("top5", number(score.top5()));
        out.put("macro_f1", number(score.macroF1()));
        out.put("wer", number(score.wer()));
        out.put("frames_per_s", number(round(speed.framesPerSecond(), 1)));
        out.put("x_realtime", number(round(speed.realTimeFactor(), 2)));
        out.put("sentences", score.sentences());
        out.put("words", score.referenceWords());
        out.put("exact_sentences", number(score.exactSentences()));
        out.put("median_delay_ms", number(round(score.delays().median(), 1)));
        out.put("frames", speed.frames());
        out.put("seconds", round(speed.processingSeconds(), 2));
        out.put("video_seconds", round(speed.videoSeconds(), 1));
        out.put("x_realtime_total", number(round(speed.realTimeFactorTotal(), 2)));
        out.put("dead_letters", model.deadLetters().size());
        out.put("not_ended", model.notEnded().size());
        out.put("model", model.model());
        out.put("version", model.version());
        return out;
    }

    private static Map<String, Object> delays(Percentiles delays) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", delays.count());
        out.put("p50", number(round(delays.median(), 1)));
        out.put("p90", number(round(delays.at(90), 1)));
        out.put("p99", number(round(delays.at(99), 1)));
        out.put("mean", number(round(delays.mean(), 1)));
        return out;
    }

    private static Map<String, Object> throughput(Throughput speed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("video_seconds", round(speed.videoSeconds(), 2));
        out.put("frames", speed.frames());
        out.put("chunks", speed.chunks());
        out.put("startup_seconds", round(speed.startupSeconds(), 2));
        out.put("processing_seconds", round(speed.processingSeconds(), 2));
        out.put("total_seconds", round(speed.totalSeconds(), 2));
        out.put("x_realtime", number(round(speed.realTimeFactor(), 2)));
        out.put("x_realtime_total", number(round(speed.realTimeFactorTotal(), 2)));
        out.put("frames_per_s", number(round(speed.framesPerSecond(), 1)));
        out.put("onnx_calls", speed.onnxCalls());
        out.put("session_steps", speed.steps());
        out.put("mean_batch", number(round(speed.meanBatch(), 2)));
        return out;
    }

    private static Map<String, Object> confusion(ScoreSummary score) {
        List<Integer> shown = ConfusionChart.shownClasses(score);
        List<String> labels = shown.stream().map(score.labels()::get).toList();
        List<List<Long>> matrix = new ArrayList<>();
        for (int r : shown) {
            List<Long> row = new ArrayList<>();
            for (int c : shown) {
                row.add(score.confusion(r, c));
            }
            matrix.add(row);
        }
        return Map.of("labels", labels, "matrix", matrix);
    }

    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
