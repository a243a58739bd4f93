package dev.signstream.service;

import java.util.Objects;

/**
 * Thrown by a processor for an input record it refuses (malformed, inconsistent, impossible to
 * process). {@link DeadLetterProcessingHandler} writes such a record to the dead-letter topic with
 * {@link #stage()} and processing continues; any other exception stops the client.
 *
 * <p>Throw it before the record changes any state: the record is then skipped as a whole.
 */
public final class RejectedRecordException extends RuntimeException {

    private final String stage;

    /**
     * @param stage where it failed, e.g. {@code validate}, {@code decode-frames}
     * @param message why, naming the offending field
     */
    public RejectedRecordException(String stage, String message) {
        super(message);
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /**
     * @param stage where it failed
     * @param message why
     * @param cause the underlying error
     */
    public RejectedRecordException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /** The stage recorded in the dead letter. */
    public String stage() {
        return stage;
    }
}
