package dev.signstream.service.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Javalin server answer every error as an {@link ApiError} JSON body: thrown
 * {@link HttpResponseException}s (404 for unknown sessions, 400 for bad parameters, unmatched
 * paths) with their message, anything else as a 500 whose cause goes to the log only.
 */
public final class JsonErrors {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    private JsonErrors() {
    }

    /** Installs the exception mappers on a server's routes. */
    public static void install(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (error, ctx) ->
                ctx.status(error.getStatus()).json(new ApiError(error.getStatus(), error.getMessage())));
        routes.exception(Exception.class, (error, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), error);
            ctx.status(500).json(new ApiError(500, "internal error; see the server log"));
        });
    }
}
