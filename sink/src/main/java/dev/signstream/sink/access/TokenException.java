package dev.signstream.sink.access;

/** A token that is missing, malformed, forged or expired; the message says which, never the token. */
public final class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenException(String message) {
        super(message);
    }
}
