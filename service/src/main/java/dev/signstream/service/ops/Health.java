package dev.signstream.service.ops;

import java.util.Map;

/**
 * The outcome of a health check.
 *
 * @param up whether the component can do its job now
 * @param details what a person needs to see why (states, errors), serialized as JSON
 */
public record Health(boolean up, Map<String, Object> details) {

    public Health {
        details = Map.copyOf(details);
    }

    /** "UP" or "DOWN", as {@code /health} reports it. */
    public String status() {
        return up ? "UP" : "DOWN";
    }
}
