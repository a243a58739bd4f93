package dev.signstream.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signstream.eval.replay.ModelResult;
import dev.signstream.eval.replay.ReplayReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a replay evaluation's report folder: {@code report.json}, {@code report.html},
 * {@code confusion-m<k>.png} per model with isolated sessions, and {@code latency.png}.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";
    public static final String LATENCY_FILE = "latency.png";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    private ReportWriter() {
    }

    /**
     * Writes every file of the report into {@code dir} (created if missing; files of an earlier
     * report there are replaced).
     *
     * @return the HTML page
     */
    public static Path write(ReplayReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> confusion = new ArrayList<>();
            for (int i = 0; i < report.models().size(); i++) {
                ModelResult model = report.models().get(i);
                String file = "confusion-m" + i + ".png";
                Files.deleteIfExists(dir.resolve(file));
                boolean written = ConfusionChart.write(model.score(), "Confusion matrix: " + modelLabel(model, i),
                        dir.resolve(file));
                confusion.add(written ? file : null);
            }
            Files.deleteIfExists(dir.resolve(LATENCY_FILE));
            String latency = LatencyChart.write(report.models(), dir.resolve(LATENCY_FILE)) ? LATENCY_FILE : null;
            JSON.writeValue(dir.resolve(JSON_FILE).toFile(), ReportJson.report(report));
            Path html = dir.resolve(HTML_FILE);
            Files.writeString(html, new HtmlPage(report, confusion, latency).render(), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one-line JSON summary: for one model the offline evaluation's fields ({@code clips, top1,
     * top5, macro_f1, wer, frames_per_s, ...}) and the replay's own ({@code x_realtime, ...}); for
     * several models {@code {"models":[...]}} with one such object each.
     */
    public static String summaryLine(ReplayReport report) {
        Object value;
        if (report.models().size() == 1) {
            value = ReportJson.summary(report.models().get(0));
        } else {
            List<Object> models = new ArrayList<>();
            report.models().forEach(m -> models.add(ReportJson.summary(m)));
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("models", models);
            value = all;
        }
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }

    /** How a model is named in the report: {@code name (version)}, with its position when names repeat. */
    static String modelLabel(ModelResult model, int index) {
        return "#" + (index + 1) + " " + model.model() + " (" + model.version() + ")";
    }
}
