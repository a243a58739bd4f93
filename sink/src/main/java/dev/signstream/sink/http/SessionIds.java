package dev.signstream.sink.http;

import dev.signstream.sink.view.CaptionBoard;
import dev.signstream.sink.view.SessionSnapshot;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** Session ids from requests: checked once, the same way for every route. */
final class SessionIds {

    private static final int MAX_SESSION_ID = 256;

    private SessionIds() {
    }

    /** A session id that is present and printable, else 400 naming {@code what}. */
    static String check(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new BadRequestResponse(what + " is missing");
        }
        if (value.length() > MAX_SESSION_ID || value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestResponse(what + " must be at most " + MAX_SESSION_ID + " printable characters");
        }
        return value;
    }

    /** The session of the {@code {id}} path parameter, or 404. */
    static SessionSnapshot session(Context ctx, CaptionBoard board) {
        String id = check(ctx.pathParam("id"), "session id");
        return board.snapshot(id).orElseThrow(() -> new NotFoundResponse("unknown session '" + id + "'"));
    }
}
