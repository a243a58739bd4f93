package dev.signstream.processor;

/**
 * Kafka limits sized from the model's state: A0's state (about 1.4 MB with fp16 buffers) exceeds
 * Kafka's 1 MiB defaults for a message and a produce request, and the record cache should hold
 * the states of the sessions an instance serves: a session's state reaches RocksDB and the
 * changelog once per commit interval only while its latest value stays in the cache until the
 * commit (an evicted dirty entry is written at once).
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
    /** Session states the record cache should hold per instance (all stream threads together). */
    static final int CACHED_SESSIONS = 256;
    /** The most the record cache takes, whatever the state size. */
    private static final long MAX_CACHE = 512L * MIB;

    /** Limits for a model whose session state takes {@code stateBytes}. */
    public static StateSizing forState(int stateBytes) {
        int message = Math.max(MIB, stateBytes + HEADROOM);
        int request = message + HEADROOM;
        long cache = Math.max(10L * MIB, Math.min(MAX_CACHE, (long) CACHED_SESSIONS * (stateBytes + 256)));
        return new StateSizing(stateBytes, message, request, cache);
    }
}
