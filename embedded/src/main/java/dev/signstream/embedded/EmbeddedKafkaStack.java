package dev.signstream.embedded;

import dev.signstream.embedded.secure.BrokerSecurity;
import dev.signstream.embedded.secure.RoleAcls;
import dev.signstream.embedded.secure.SecureCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Kafka broker and a schema registry on this machine, started together with one call and
 * stopped together. Secured on request: the broker then listens with SASL_SSL and mutual TLS only,
 * and the roles' credentials are written to a directory ({@link SecureCredentials}).
 */
public final class EmbeddedKafkaStack implements KafkaStack, AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Optional<SecureCredentials> credentials;
    private final Optional<Path> securityWorkDir;

    private EmbeddedKafkaStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry,
                               Optional<SecureCredentials> credentials, Optional<Path> securityWorkDir) {
        this.broker = broker;
        this.registry = registry;
        this.credentials = credentials;
        this.securityWorkDir = securityWorkDir;
    }

    /**
     * How to start the stack.
     *
     * @param kafkaPort client port of the broker, 0 for a free one
     * @param registryPort HTTP port of the registry, 0 for a free one
     * @param brokerOverrides broker settings that replace the defaults
     * @param credentialsDir where a secured broker writes the roles' credentials; empty for a plain broker
     */
    public record Options(int kafkaPort, int registryPort, Map<String, String> brokerOverrides,
                          Optional<Path> credentialsDir) {
        public Options {
            brokerOverrides = Map.copyOf(brokerOverrides);
        }

        /** Plain (no security). */
        public Options(int kafkaPort, int registryPort, Map<String, String> brokerOverrides) {
            this(kafkaPort, registryPort, brokerOverrides, Optional.empty());
        }

        /** Free ports, default broker settings. */
        public static Options defaults() {
            return new Options(0, 0, Map.of());
        }

        /** Free ports, a secured broker writing the credentials into {@code dir}. */
        public static Options secure(Path dir) {
            return new Options(0, 0, Map.of(), Optional.of(dir));
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
        Optional<BrokerSecurity> security = Optional.empty();
        Optional<SecureCredentials> credentials = Optional.empty();
        try {
            if (options.credentialsDir().isPresent()) {
                security = Optional.of(BrokerSecurity.create(Files.createTempDirectory("signstream-broker-keys-"),
                        RoleAcls.defaults()));
            }
            broker = EmbeddedKafkaBroker.start(options.kafkaPort(), options.brokerOverrides(), security);
        } catch (IOException | RuntimeException e) {
            registry.thenAccept(EmbeddedSchemaRegistry::close);
            security.ifPresent(sec -> EmbeddedKafkaBroker.deleteQuietly(sec.workDir()));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        try {
            if (security.isPresent()) {
                credentials = Optional.of(security.get().writeCredentials(options.credentialsDir().orElseThrow(),
                        broker.bootstrapServers(), broker.tlsBootstrapServers().orElseThrow()));
            }
            return new EmbeddedKafkaStack(broker, registry.join(), credentials, security.map(BrokerSecurity::workDir));
        } catch (RuntimeException e) {
            broker.close();
            security.ifPresent(sec -> EmbeddedKafkaBroker.deleteQuietly(sec.workDir()));
            registry.thenAccept(EmbeddedSchemaRegistry::close);
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    /** The roles' credentials of a secured stack. */
    public Optional<SecureCredentials> credentials() {
        return credentials;
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
            securityWorkDir.ifPresent(EmbeddedKafkaBroker::deleteQuietly);
        }
    }
}
