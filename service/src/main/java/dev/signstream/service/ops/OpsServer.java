package dev.signstream.service.ops;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * An HTTP server with only {@code /health} and {@code /metrics}, for roles without other HTTP
 * endpoints. Roles that already run a Javalin server call {@link OpsRoutes#install} instead.
 */
public final class OpsServer implements AutoCloseable {

    private final Javalin server;

    private OpsServer(Javalin server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @param host address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port port; 0 picks a free one (see {@link #port()})
     * @param health what {@code /health} reports
     * @param registry what {@code /metrics} exposes
     */
    public static OpsServer start(String host, int port, HealthCheck health, PrometheusMeterRegistry registry) {
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            JsonErrors.install(config);
            OpsRoutes.install(config.routes, health, registry);
        });
        server.start(host, port);
        return new OpsServer(server);
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
