package dev.signstream.service;

import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one {@link KafkaStreams} client: installs the uncaught-exception handler (log, remember,
 * shut the client down: an unexpected error must stop the role loudly rather than loop) and a
 * state listener (logged, and behind {@link #health()}), binds the client's metrics to a
 * Micrometer registry, and closes with a timeout, saying whether the close finished in time. A
 * closing instance leaves the consumer group, so the others take its tasks over at once.
 *
 * <p>The shutdown hook belongs to {@code main}; commands call {@link #close(Duration)}.
 */
public final class StreamsRunner implements AutoCloseable {

    /** How long {@link #close()} waits for the stream threads. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final String name;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Creates the client; nothing runs until {@link #start()}.
     *
     * @param name a short name for logs and metrics tags, e.g. {@code sink}
     * @param topology what to run
     * @param config Streams settings, usually from {@link StreamsConfigs#exactlyOnce}
     * @param registry where the client's metrics go
     */
    public StreamsRunner(String name, Topology topology, Map<String, Object> config, MeterRegistry registry) {
        this.name = Objects.requireNonNull(name, "name");
        this.streams = new KafkaStreams(topology, new StreamsConfig(config));
        this.streams.setUncaughtExceptionHandler(error -> {
            failure.compareAndSet(null, error);
            LOG.error("{}: stream thread failed; shutting the client down", name, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.streams.setStateListener((now, before) -> {
            LOG.info("{}: {} -> {}", name, before, now);
            if (now == State.RUNNING) {
                running.countDown();
            }
            if (now == State.ERROR || now == State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        this.metrics = new KafkaStreamsMetrics(streams, List.of(Tag.of("role", name)));
        this.metrics.bindTo(registry);
    }

    /** Starts processing. */
    public void start() {
        streams.start();
    }

    /** Waits until the client first reaches RUNNING; false if it did not within the timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the client has stopped (closed or failed); false on timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Why the client stopped working, if it did: the error that stopped a stream thread, or the
     * client's ERROR state (every thread gone) when no error was handed over.
     */
    public Optional<Throwable> failure() {
        Throwable error = failure.get();
        if (error == null && streams.state() == State.ERROR) {
            return Optional.of(new IllegalStateException(name + ": Kafka Streams stopped (state ERROR)"));
        }
        return Optional.ofNullable(error);
    }

    /** The client's state now. */
    public State state() {
        return streams.state();
    }

    /** The client, for interactive queries and metadata; do not close it directly. */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * UP while the client runs or rebalances (a rebalance is routine); DOWN while it is starting,
     * after a failure, or once it is closed.
     */
    public HealthCheck health() {
        return () -> {
            State state = streams.state();
            boolean up = state == State.RUNNING || state == State.REBALANCING;
            Map<String, Object> details = failure.get() == null
                    ? Map.of("state", state.name())
                    : Map.of("state", state.name(), "error", String.valueOf(failure.get().getMessage()));
            return new Health(up, Map.of(name, details));
        };
    }

    /**
     * Closes the client.
     *
     * @return true when every stream thread stopped within the timeout; false when the close timed
     *     out (the threads may still be finishing; the process should exit anyway)
     */
    public boolean close(Duration timeout) {
        metrics.close();
        // Leave the group: the remaining instances take the tasks over at once instead of waiting
        // out the session timeout (6 s, StreamsConfigs) of a member that is gone.
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
        if (!closed) {
            LOG.warn("{}: close timed out after {}", name, timeout);
        }
        return closed;
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
