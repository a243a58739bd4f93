package dev.signstream.sink.access;

import java.time.Instant;
import java.util.Optional;

/**
 * What a valid token allows: the captions of one session (a viewer) or everything (an operator).
 *
 * @param session the session of a viewer token; empty for an operator
 * @param expiresAt when the token stops working
 */
public record Grant(Optional<String> session, Instant expiresAt) {

    /** True for an operator token. */
    public boolean operator() {
        return session.isEmpty();
    }
}
