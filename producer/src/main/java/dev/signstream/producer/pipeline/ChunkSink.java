package dev.signstream.producer.pipeline;

/** Where finished chunks go: Kafka in production, a list in unit tests. */
@FunctionalInterface
public interface ChunkSink {

    /**
     * Sends a chunk; may block while the transport is full. Delivery failures are reported
     * asynchronously by the implementation, never dropped.
     */
    void send(OutgoingChunk chunk) throws InterruptedException;
}
