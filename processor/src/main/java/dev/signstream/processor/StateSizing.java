package dev.signstream.processor;

/**
 * Kafka limits sized from the model's state: A0's state (about 1.4 MB with fp16 buffers) exceeds
 * Kafka's 1 MiB defaults for a message and a produce request, and the record cache should hold
 * the states of the sessions an instance serves.
 *
 * @param stateBytes bytes of one session's stored model state
 * @param changelogMaxMessageBytes {@code max.message.bytes} of the state changelog topic
 * @param producerMaxRequestBytes the Streams producer's {@code max.request.size}
 * @param cacheBytes {@code statestore.cache.max.bytes} for the instance
 */
public record StateSizing(int stateBytes, int changelogMaxMessageBytes, int producerMaxRequestBytes, long cacheBytes) {

    private static final int MIB = 1024 * 1024;
    /** Room for the record's key, headers and batch overhead above the value. */
    private static final int HEADROOM = 64 * 1024;
    /** Session states the record cache should hold per instance. */
    static final int CACHED_SESSIONS = 64;

    /** Limits for a model whose session state takes {@code stateBytes}. */
    public static StateSizing forState(int stateBytes) {
        int message = Math.max(MIB, stateBytes + HEADROOM);
        int request = message + HEADROOM;
        long cache = Math.max(10L * MIB, (long) CACHED_SESSIONS * stateBytes);
        return new StateSizing(stateBytes, message, request, cache);
    }
}
