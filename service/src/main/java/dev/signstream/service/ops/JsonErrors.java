package dev.signstream.service.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Javalin server answer every error as an {@link ApiError} JSON body: thrown
 * {@link HttpResponseException}s (404 for unknown sessions, 400 for bad parameters, unmatched
 * paths) with their message, requests Jetty rejects before routing (malformed URIs) with Jetty's
 * reason, anything else as a 500 whose cause goes to the log only.
 */
public final class JsonErrors {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    private JsonErrors() {
    }

    /** Installs the exception mappers and Jetty's error handler on a server being configured. */
    public static void install(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
        config.routes.exception(HttpResponseException.class, (error, ctx) ->
                ctx.status(error.getStatus()).json(new ApiError(error.getStatus(), error.getMessage())));
        config.routes.exception(Exception.class, (error, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), error);
            ctx.status(500).json(new ApiError(500, "internal error; see the server log"));
        });
    }
}
