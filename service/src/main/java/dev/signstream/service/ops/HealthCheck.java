package dev.signstream.service.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers whether a component is healthy; called on every {@code GET /health}, so it must be cheap. */
@FunctionalInterface
public interface HealthCheck {

    /** The health now. */
    Health check();

    /** UP only when every check is UP; the details of all checks merged. */
    static HealthCheck all(List<HealthCheck> checks) {
        List<HealthCheck> copy = List.copyOf(checks);
        return () -> {
            boolean up = true;
            Map<String, Object> details = new LinkedHashMap<>();
            for (HealthCheck check : copy) {
                Health health = check.check();
                up &= health.up();
                details.putAll(health.details());
            }
            return new Health(up, details);
        };
    }
}
