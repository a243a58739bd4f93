package dev.signstream.inference.decoder;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Thresholds of the {@link WordDecoder}, per chunk. The same rule as training's recommended decoder
 * ({@code training/signstream_training/evaluate.py}, {@code DecoderConfig}), so the values the
 * trainer tunes and writes into {@code model.json} mean the same here:
 *
 * <ul>
 *   <li>a chunk is <em>confident</em> for sign c when c is the best non-idle class and its softmax
 *       probability is at least {@code minConfidence};
 *   <li>after {@code stableChunks} consecutive confident chunks for the same sign, the sign is
 *       emitted and the model state reset;
 *   <li>after {@code idleResetChunks} consecutive chunks with the idle class at least
 *       {@code idleConfidence}, the model state is reset without a word;
 *   <li>at the end of a session, a sign confident in its last chunk is emitted;
 *   <li>and, beyond training's rule, when {@code maxSegmentSeconds} of capture time have passed since
 *       the last reset with no word and no sign pending, the model state is reset without a word:
 *       a model whose idle class is never confident (a weak model, or unfamiliar motion) would
 *       otherwise pool over the whole session and dilute.
 * </ul>
 *
 * @param minConfidence   softmax probability a sign needs in a chunk (manifest key {@code min_confidence})
 * @param stableChunks    confident chunks in a row before a word is emitted ({@code stable_chunks})
 * @param idleConfidence  idle probability that counts as rest ({@code idle_confidence})
 * @param idleResetChunks rest chunks in a row that reset the model ({@code idle_reset_chunks})
 * @param topK            alternatives reported with each word ({@code top_k})
 * @param maxSegmentSeconds capture time after a reset before the model is reset anyway when no word
 *                        came and none is pending ({@code max_segment_seconds}); 0 turns it off
 */
public record DecoderConfig(double minConfidence, int stableChunks, double idleConfidence, int idleResetChunks,
        int topK, double maxSegmentSeconds) {

    /** Training's defaults, plus a 4-second segment limit (training windows are about 2 s long). */
    public static final DecoderConfig DEFAULTS = new DecoderConfig(0.6, 2, 0.9, 2, 5, 4.0);

    private static final Set<String> KEYS = Set.of("min_confidence", "stable_chunks", "idle_confidence",
            "idle_reset_chunks", "top_k", "max_segment_seconds");

    public DecoderConfig {
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be in (0, 1], got " + minConfidence);
        }
        if (!(idleConfidence > 0 && idleConfidence <= 1)) {
            throw new IllegalArgumentException("idle_confidence must be in (0, 1], got " + idleConfidence);
        }
        if (stableChunks < 1 || idleResetChunks < 1) {
            throw new IllegalArgumentException("stable_chunks and idle_reset_chunks must be >= 1, got "
                    + stableChunks + " and " + idleResetChunks);
        }
        if (topK < 1 || topK > 100) {
            throw new IllegalArgumentException("top_k must be in 1..100, got " + topK);
        }
        if (!(maxSegmentSeconds >= 0) || Double.isInfinite(maxSegmentSeconds)) {
            throw new IllegalArgumentException("max_segment_seconds must be >= 0 (0 = off), got " + maxSegmentSeconds);
        }
    }

    /**
     * The defaults overridden by a manifest's {@code decoder} object (or a config map with the same
     * keys). An unknown key is an error, so a misspelt threshold never goes unnoticed.
     */
    public static DecoderConfig fromSettings(Map<String, ? extends Number> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown decoder setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        return new DecoderConfig(
                doubleOr(settings, "min_confidence", DEFAULTS.minConfidence),
                intOr(settings, "stable_chunks", DEFAULTS.stableChunks),
                doubleOr(settings, "idle_confidence", DEFAULTS.idleConfidence),
                intOr(settings, "idle_reset_chunks", DEFAULTS.idleResetChunks),
                intOr(settings, "top_k", DEFAULTS.topK),
                doubleOr(settings, "max_segment_seconds", DEFAULTS.maxSegmentSeconds));
    }

    private static double doubleOr(Map<String, ? extends Number> settings, String key, double fallback) {
        Number value = settings.get(key);
        return value == null ? fallback : value.doubleValue();
    }

    private static int intOr(Map<String, ? extends Number> settings, String key, int fallback) {
        Number value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.doubleValue() != Math.rint(value.doubleValue())) {
            throw new IllegalArgumentException("decoder setting " + key + " must be an integer, got " + value);
        }
        return value.intValue();
    }
}
