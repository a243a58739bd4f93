package dev.signstream.bench.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON object a benchmark prints as its last line, fields in the order they were put;
 * a field that does not apply, or a number that is not finite, is {@code null}.
 */
public final class JsonLine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonLine put(String name, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            value = null;
        }
        fields.put(name, value);
        return this;
    }

    /** Rounds to {@code decimals} places (JSON readers do not need 17 digits of noise). */
    public JsonLine put(String name, double value, int decimals) {
        if (!Double.isFinite(value)) {
            return put(name, null);
        }
        double scale = Math.pow(10, decimals);
        return put(name, Math.round(value * scale) / scale);
    }

    public Map<String, Object> fields() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String toString() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark result not writable as JSON: " + e.getMessage(), e);
        }
    }
}
