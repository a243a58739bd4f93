package dev.signstream.inference.decoder;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the {@link WordDecoder}, from the manifest's {@code decoder} object. The same rule as
 * training's decoder ({@code training/signstream_training/evaluate.py}, {@code decode_readings}), so
 * the threshold the trainer tunes on validation clips means the same here.
 *
 * @param minConfidence softmax probability the best sign needs in a reading to count as confident
 *                      (manifest key {@code min_confidence})
 * @param topK          alternatives reported with each word ({@code top_k})
 */
public record DecoderConfig(double minConfidence, int topK) {

    public static final DecoderConfig DEFAULTS = new DecoderConfig(0.5, 5);

    private static final Set<String> KEYS = Set.of("min_confidence", "top_k");
    /** Settings of the decoder that reset the model after each word (model format 1), gone with it. */
    private static final Set<String> RETIRED = Set.of("stable_chunks", "idle_confidence", "idle_reset_chunks",
            "max_segment_seconds");

    public DecoderConfig {
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be in (0, 1], got " + minConfidence);
        }
        if (topK < 1 || topK > 100) {
            throw new IllegalArgumentException("top_k must be in 1..100, got " + topK);
        }
    }

    /**
     * The defaults overridden by a manifest's {@code decoder} object (or a config map with the same
     * keys). An unknown key is an error, so a misspelt threshold never goes unnoticed.
     */
    public static DecoderConfig fromSettings(Map<String, ? extends Number> settings) {
        Set<String> retired = new TreeSet<>(settings.keySet());
        retired.retainAll(RETIRED);
        if (!retired.isEmpty()) {
            throw new IllegalArgumentException("decoder setting(s) " + retired + " belong to the decoder that reset the"
                    + " model after each word (model format 1), which this runtime no longer runs; known: "
                    + new TreeSet<>(KEYS));
        }
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown decoder setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        Number confidence = settings.get("min_confidence");
        Number topK = settings.get("top_k");
        if (topK != null && topK.doubleValue() != Math.rint(topK.doubleValue())) {
            throw new IllegalArgumentException("decoder setting top_k must be an integer, got " + topK);
        }
        return new DecoderConfig(confidence == null ? DEFAULTS.minConfidence : confidence.doubleValue(),
                topK == null ? DEFAULTS.topK : topK.intValue());
    }
}
