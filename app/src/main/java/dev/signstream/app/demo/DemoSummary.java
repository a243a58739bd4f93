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
 * @param finalCaption sign end (a sentence's last frame captured) to its final caption read from Kafka
 * @param segment sign end to the first HLS subtitle segment holding the sentence published
 * @param perSession per session: [reference glosses, recognised glosses]
 */
public record DemoSummary(int sessions, int words, long referenceWords, double wer, long p50Ms, long p99Ms,
                          Delay finalCaption, Delay segment, Map<String, List<List<String>>> perSession) {

    /**
     * A delay's distribution.
     *
     * @param count sentences measured
     * @param p50Ms median, -1 when none
     * @param p99Ms 99th percentile, -1 when none
     */
    public record Delay(int count, long p50Ms, long p99Ms) {
    }

    /** The one-line JSON summary (the demo's last output line). */
    public String json() {
        return String.format(Locale.ROOT,
                "{\"sessions\":%d,\"words\":%d,\"reference_words\":%d,\"wer\":%s,\"p50_ms\":%d,\"p99_ms\":%d,"
                        + "\"final_caption_p50_ms\":%d,\"final_caption_p99_ms\":%d,"
                        + "\"segment_p50_ms\":%d,\"segment_p99_ms\":%d,\"segment_sentences\":%d}",
                sessions, words, referenceWords, Double.isNaN(wer) ? "null" : String.format(Locale.ROOT, "%.4f", wer),
                p50Ms, p99Ms, finalCaption.p50Ms(), finalCaption.p99Ms(), segment.p50Ms(), segment.p99Ms(),
                segment.count());
    }
}
