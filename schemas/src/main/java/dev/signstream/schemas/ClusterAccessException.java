package dev.signstream.schemas;

/**
 * The cluster cannot be used with these settings: it does not answer, refuses the credentials or
 * the TLS handshake, or does not let this user do what the role needs. The message says which, and
 * never shows a secret.
 */
public final class ClusterAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClusterAccessException(String message) {
        super(message);
    }
}
