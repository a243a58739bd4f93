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

    /** Starts both with default settings. */
    public static EmbeddedKafkaStack start() {
        return start(Map.of());
    }

    /**
     * Starts the registry (a child JVM) and the broker at the same time and waits for both.
     *
     * @param brokerOverrides broker settings that replace the defaults
     */
    public static EmbeddedKafkaStack start(Map<String, String> brokerOverrides) {
        CompletableFuture<EmbeddedSchemaRegistry> registry = CompletableFuture.supplyAsync(EmbeddedSchemaRegistry::start);
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(brokerOverrides);
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

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
