package dev.signstream.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry could not answer (unreachable, refused, failing): no record can be read or
 * written until it is back. Unlike {@link UnreadableRecordException} this is not the record's fault,
 * so it must not become a dead letter: the client stops and says which registry it could not reach.
 */
public final class RegistryUnavailableException extends SerializationException {

    /**
     * @param message which registry, and what happened
     * @param cause the underlying error
     */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
