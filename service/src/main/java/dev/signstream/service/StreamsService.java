package dev.signstream.service;

import dev.signstream.service.ops.HealthCheck;
import java.time.Duration;
import java.util.Optional;

/**
 * The shape of a running role built around one Kafka Streams topology (the processor's
 * {@code ProcessorService}, the sink's {@code CaptionSink}): its Streams client, why it stopped
 * working if it did, its health, and a close that says whether it finished in time. Commands, the
 * demo and the benchmarks watch every role the same way.
 */
public interface StreamsService extends AutoCloseable {

    /** The Streams client's owner (state, waiting for RUNNING, interactive queries). */
    StreamsRunner runner();

    /** Why the role stopped working, if it did (the Streams client, or another part of the role). */
    Optional<Throwable> failure();

    /** UP while every part of the role works. */
    HealthCheck health();

    /**
     * Stops the role.
     *
     * @return false when the Streams client did not close within the timeout
     */
    boolean close(Duration timeout);

    /** {@link #close(Duration)} with {@link StreamsRunner#DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    default void close() {
        close(StreamsRunner.DEFAULT_CLOSE_TIMEOUT);
    }
}
