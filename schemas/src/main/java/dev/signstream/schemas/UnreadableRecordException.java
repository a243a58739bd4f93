package dev.signstream.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that is not a record SignStream can read, with a reason that names the fault in the
 * words a user needs: "empty value", "not in the Confluent wire format (first byte 0x3f, expected
 * 0)", "schema id 999999 unknown to the registry", "Avro record truncated". The record itself is
 * bad: consumers turn it into a dead letter and go on.
 */
public final class UnreadableRecordException extends SerializationException {

    /** @param reason what is wrong with the bytes */
    public UnreadableRecordException(String reason) {
        super(reason);
    }

    /**
     * @param reason what is wrong with the bytes
     * @param cause the library's own error, kept for the log
     */
    public UnreadableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
