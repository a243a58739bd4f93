package dev.signstream.schemas;

import dev.signstream.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds dead letters. Payloads are cut to a bounded prefix: frames are video of people, and a
 * dead-letter topic must not become a second copy of them.
 */
public final class DeadLetters {

    /** Bytes of a bad payload kept for diagnosis. */
    public static final int MAX_PAYLOAD_PREFIX = 1024;
    private static final int MAX_MESSAGE_CHARS = 2000;

    private DeadLetters() {
    }

    /**
     * A dead letter for one record.
     *
     * @param topic topic the record came from
     * @param partition its partition
     * @param offset its offset
     * @param key the raw key, or null
     * @param value the raw value, or null
     * @param stage where processing failed (deserialize, decode-frames, validate, ...)
     * @param error why
     * @param applicationId which application gave up on it
     */
    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value,
                                String stage, Throwable error, String applicationId) {
        byte[] payload = value == null ? new byte[0] : Arrays.copyOf(value, Math.min(value.length, MAX_PAYLOAD_PREFIX));
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setStage(stage)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(describe(error))
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadSize(value == null ? 0 : value.length)
                .setApplicationId(applicationId)
                .setTimeMs(Instant.now())
                .build();
    }

    /**
     * The message of an error and of its causes (those that add something), bounded. An {@link UnreadableRecordException}'s
     * message is the whole reason: the library errors behind it are left out.
     */
    public static String describe(Throwable error) {
        if (error instanceof UnreadableRecordException) {
            return bounded(String.valueOf(error.getMessage()));
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < MAX_MESSAGE_CHARS; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.isEmpty()) {
                text.append(message);
            } else if (!text.toString().contains(message)) {
                // a cause whose message is already said (wrapped errors repeat it) adds nothing
                text.append(" <- caused by ").append(t.getClass().getSimpleName()).append(": ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return bounded(text.toString());
    }

    private static String bounded(String text) {
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text;
    }
}
