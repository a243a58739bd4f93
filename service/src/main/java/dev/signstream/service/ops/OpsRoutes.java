package dev.signstream.service.ops;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds {@code GET /health} and {@code GET /metrics} to a Javalin server. */
public final class OpsRoutes {

    /** Content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private OpsRoutes() {
    }

    /**
     * Installs the routes.
     *
     * @param routes the server's routes
     * @param health what {@code /health} reports: 200 with {@code {"status":"UP",...}} when up,
     *     503 with {@code "DOWN"} otherwise (load balancers and orchestrators read the code)
     * @param registry what {@code /metrics} exposes
     */
    public static void install(RoutesConfig routes, HealthCheck health, PrometheusMeterRegistry registry) {
        routes.get("/health", ctx -> {
            Health now = health.check();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", now.status());
            body.put("checks", now.details());
            ctx.status(now.up() ? 200 : 503).json(body);
        });
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(registry.scrape()));
    }
}
