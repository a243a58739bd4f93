package dev.signstream.app.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One latency figure of the demo (docs/latency.md defines each): its median and 99th percentile in
 * milliseconds over the samples seen, or none without samples.
 *
 * @param name    the figure's name, e.g. {@code sign_end_to_final_caption}
 * @param samples how many
 * @param p50Ms   median (meaningless without samples)
 * @param p99Ms   99th percentile (meaningless without samples)
 */
public record Latency(String name, int samples, long p50Ms, long p99Ms) {

    /** The figure of these samples (nearest rank). */
    public static Latency of(String name, List<Long> millis) {
        if (millis.isEmpty()) {
            return new Latency(name, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Latency(name, sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99));
    }

    private static long rank(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** {@code "name_p50_ms":..,"name_p99_ms":..}, nulls without samples. */
    String json() {
        return samples == 0
                ? String.format(Locale.ROOT, "\"%s_p50_ms\":null,\"%s_p99_ms\":null", name, name)
                : String.format(Locale.ROOT, "\"%s_p50_ms\":%d,\"%s_p99_ms\":%d", name, p50Ms, name, p99Ms);
    }

    /** "p50 812 ms, p99 1,240 ms" or "n/a". */
    public String text() {
        return samples == 0 ? "n/a" : String.format(Locale.ROOT, "p50 %,d ms, p99 %,d ms", p50Ms, p99Ms);
    }
}
