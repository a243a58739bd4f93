package dev.signstream.embedded;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Kafka broker and a schema registry on this machine, started together with one call and
 * stopped together.
 */
public final class EmbeddedKafkaStack implements KafkaStack, AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedKafkaStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * How to start the stack.
     *
     * @param kafkaPort client port of the broker, 0 for a free one
     * @param registryPort HTTP port of the registry, 0 for a free one
     * @param brokerOverrides broker settings that replace the defaults
     */
    public record Options(int kafkaPort, int registryPort, Map<String, String> brokerOverrides) {
        public Options {
            brokerOverrides = Map.copyOf(brokerOverrides);
        }

        /** Free ports, default broker settings. */
        public static Options defaults() {
            return new Options(0, 0, Map.of());
        }
    }

    /** Starts both on free ports with default settings. */
    public static EmbeddedKafkaStack start() {
        return start(Options.defaults());
    }

    /** Starts the registry (a child JVM) and the broker at the same time and waits for both. */
    public static EmbeddedKafkaStack start(Options options) {
        CompletableFuture<EmbeddedSchemaRegistry> registry =
                CompletableFuture.supplyAsync(() -> EmbeddedSchemaRegistry.start(options.registryPort()));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(options.kafkaPort(), options.brokerOverrides());
        } catch (RuntimeException e) {
            registry.thenAccept(EmbeddedSchemaRegistry::close);
            throw e;
        }
        try {
            return new EmbeddedKafkaStack(broker, registry.join());
        } catch (CompletionException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.registryUrl();
    }

    @Override
    public String ccompatUrl() {
        return registry.ccompatUrl();
    }

    /** Process id of the registry's child JVM. */
    public long registryPid() {
        return registry.pid();
    }

    /** Stops the registry and the broker at the same time. */
    @Override
    public void close() {
        CompletableFuture<Void> registryClosed = CompletableFuture.runAsync(registry::close);
        try {
            broker.close();
        } finally {
            registryClosed.join();
        }
    }
}
