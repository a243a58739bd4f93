package dev.signstream.app.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's result.
 *
 * @param sessions sessions seen
 * @param words words recognised
 * @param referenceWords signs completed (the truth)
 * @param wer word error rate against the signs completed; NaN when none was
 * @param p50Ms median capture-to-word latency
 * @param p99Ms 99th percentile capture-to-word latency
 * @param perSession per session: [reference glosses, recognised glosses]
 */
public record DemoSummary(int sessions, int words, long referenceWords, double wer, long p50Ms, long p99Ms,
                   Map<String, List<List<String>>> perSession) {

    /** The one-line JSON summary (the demo's last output line). */
    public String json() {
        return String.format(Locale.ROOT,
                "{\"sessions\":%d,\"words\":%d,\"reference_words\":%d,\"wer\":%s,\"p50_ms\":%d,\"p99_ms\":%d}",
                sessions, words, referenceWords, Double.isNaN(wer) ? "null" : String.format(Locale.ROOT, "%.4f", wer),
                p50Ms, p99Ms);
    }
}
