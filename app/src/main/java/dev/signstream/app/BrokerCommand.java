package dev.signstream.app;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.embedded.secure.Role;
import dev.signstream.embedded.secure.SecureCredentials;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicProvisioner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream broker}: a real Kafka broker and schema registry on this machine. */
@Command(name = "broker",
        header = "A Kafka broker and a schema registry on this machine, until Ctrl-C.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = BrokerCommand.Defaults.class,
        description = {
            "Runs a Kafka broker and a schema registry on this machine until Ctrl-C.",
            "The broker runs in-process (KRaft), the Apicurio registry in a child JVM, both on 127.0.0.1.",
            "With --secure the broker has its own CA and listens with SASL_SSL (SCRAM-SHA-512) and mutual TLS",
            "only, with a user per role and least-privilege ACLs; each role's client properties go to",
            "--credentials-dir (docs/security.md). For development and demos; production points the roles",
            "at a real cluster."
        })
final class BrokerCommand implements Callable<Integer> {

    /** Free ports, and a development cluster's topics. */
    static final class Defaults extends FlagDefaults {
        /** Partitions of the standard topics of a secured development broker. */
        static final int PARTITIONS = 4;

        Defaults() {
            put("--kafka-port", 0);
            put("--registry-port", 0);
            put("--partitions", PARTITIONS);
        }
    }

    @Option(names = "--kafka-port", description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", description = "Registry HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--secure", description = "SASL_SSL and mutual TLS only, a user per role, ACLs; needs --credentials-dir.")
    boolean secure;

    @Option(names = "--credentials-dir", paramLabel = "DIR",
            description = "With --secure: where to write producer, processor, sink, recorder and admin .properties, "
                    + "mtls/ and ca.pem (secrets: owner-only).")
    Path credentialsDir;

    @Option(names = "--partitions",
            description = "With --secure: partitions of the standard topics the admin creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkPort("--kafka-port", kafkaPort);
        checkPort("--registry-port", registryPort);
        if (secure != (credentialsDir != null)) {
            throw new IllegalArgumentException("--secure and --credentials-dir DIR go together");
        }
        TopicProvisioner.checkLayout(partitions, Optional.empty());
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start(
                new EmbeddedKafkaStack.Options(kafkaPort, registryPort, Map.of(), Optional.ofNullable(credentialsDir)))) {
            Optional<SecureCredentials> credentials = stack.credentials();
            if (credentials.isPresent()) {
                createTopicsAsAdmin(credentials.get(), stack.registryUrl());
                out.printf("Kafka broker:     %s (SASL_SSL, SCRAM-SHA-512)%n", stack.bootstrapServers());
                out.printf("  (mutual TLS:    %s)%n", credentials.get().tlsBootstrap());
            } else {
                out.printf("Kafka broker:     %s%n", stack.bootstrapServers());
            }
            out.printf("Schema registry:  %s%n", stack.registryUrl());
            out.printf("  (Confluent-compatible API: %s)%n", stack.ccompatUrl());
            if (credentials.isPresent()) {
                SecureCredentials c = credentials.get();
                out.printf("Credentials:      %s/{producer,processor,sink,recorder,admin}.properties, mtls/, ca.pem%n",
                        c.dir().toAbsolutePath());
                out.printf("For the other roles, each with its own file:%n  export SIGNSTREAM_REGISTRY_URL=%s%n"
                        + "  signstream sink --client-config %s%n", stack.registryUrl(), c.properties(Role.SINK));
            } else {
                out.printf("For the other roles:%n  export KAFKA_BOOTSTRAP_SERVERS=%s SIGNSTREAM_REGISTRY_URL=%s%n",
                        stack.bootstrapServers(), stack.registryUrl());
            }
            out.printf("Ready in %.1f s. Ctrl-C stops.%n", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
            out.flush();
            Shutdown.await();
            out.println("Stopping broker and registry...");
            out.flush();
        }
        return 0;
    }

    /** The standard topics, created with the admin's credentials (nobody else may). */
    private void createTopicsAsAdmin(SecureCredentials credentials, String registryUrl) {
        KafkaSettings admin = KafkaSettings.parse(Map.of(), Optional.empty(), Optional.of(registryUrl),
                Optional.of(credentials.properties(Role.ADMIN)), KafkaOptions.STREAMS_CLIENTS);
        try (Admin client = Admin.create(admin.adminConfig())) {
            TopicProvisioner.ensure(client, TopicProvisioner.standardTopics(admin.topics(), partitions, (short) 1),
                    Duration.ofSeconds(60));
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be 0-65535, not " + port);
        }
    }
}
