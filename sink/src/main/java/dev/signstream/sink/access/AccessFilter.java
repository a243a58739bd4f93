package dev.signstream.sink.access;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Map;

/**
 * Enforces an {@link AccessPolicy} before every route: the token comes from
 * {@code Authorization: Bearer TOKEN} or, for clients that cannot set headers (EventSource, OBS
 * browser sources, video players), the {@code token} query parameter. No or a bad token answers
 * 401 (with {@code WWW-Authenticate: Bearer}), a valid token for something else 403, both as the
 * server's JSON errors. New routes are covered without a change here.
 */
public final class AccessFilter {

    /** The query parameter that carries a token. */
    public static final String TOKEN_PARAM = "token";

    private final CaptionTokens tokens;
    private final AccessPolicy policy;

    public AccessFilter(CaptionTokens tokens, AccessPolicy policy) {
        this.tokens = tokens;
        this.policy = policy;
    }

    /** Installs the filter on a server being configured. */
    public void install(JavalinConfig config) {
        config.routes.before(this::check);
    }

    void check(Context ctx) {
        Requirement needed = policy.requirementFor(ctx.method().name(), ctx.path(), ctx::queryParam);
        if (needed instanceof Requirement.Open) {
            return;
        }
        String token = token(ctx);
        if (token == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"signstream\"");
            throw new UnauthorizedResponse(needed instanceof Requirement.Session
                    ? "a token for this session is required (Authorization: Bearer TOKEN or ?token=TOKEN)"
                    : "an operator token is required (Authorization: Bearer TOKEN or ?token=TOKEN)", Map.of());
        }
        Grant grant;
        try {
            grant = tokens.verify(token);
        } catch (TokenException e) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"signstream\", error=\"invalid_token\"");
            throw new UnauthorizedResponse(e.getMessage(), Map.of());
        }
        if (grant.operator()) {
            return;
        }
        if (needed instanceof Requirement.Session session && grant.session().orElseThrow().equals(session.id())) {
            return;
        }
        throw new ForbiddenResponse(needed instanceof Requirement.Session
                ? "this token is for another session" : "this needs an operator token, not a viewer's", Map.of());
    }

    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = header.substring(7).strip();
            return value.isEmpty() ? null : value;
        }
        String param = ctx.queryParam(TOKEN_PARAM);
        return param == null || param.isBlank() ? null : param.strip();
    }
}
