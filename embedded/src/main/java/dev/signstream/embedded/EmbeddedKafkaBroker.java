package dev.signstream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import dev.signstream.embedded.secure.BrokerSecurity;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running in this JVM in combined KRaft mode (broker and controller in one
 * node), on 127.0.0.1 and free ports. Settings are those a single-node cluster needs: internal
 * topics with replication factor 1, small cleaner buffers, large enough messages for A0 session
 * state. Plain by default; with a {@link BrokerSecurity} it listens with SASL_SSL (SCRAM-SHA-512)
 * and mutual TLS only, authorizes every request and gives each role its ACLs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Room for A0 session state (about 1.4 MB) and raw-RGB frame chunks. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;
    private final Optional<String> tlsBootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, String bootstrapServers,
                                Optional<String> tlsBootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.tlsBootstrapServers = tlsBootstrapServers;
    }

    /** Starts a broker on a free port with the default settings. */
    public static EmbeddedKafkaBroker start() {
        return start(0, Map.of());
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param port client port on 127.0.0.1, or 0 for a free one
     * @param overrides broker settings that replace the defaults (e.g. {@code num.partitions})
     */
    public static EmbeddedKafkaBroker start(int port, Map<String, String> overrides) {
        return start(port, overrides, Optional.empty());
    }

    /**
     * Starts a broker, secured or not, and waits until it answers.
     *
     * @param port client port on 127.0.0.1 (the SASL_SSL one when secured), or 0 for a free one
     * @param overrides broker settings that replace the defaults
     * @param security listeners, certificates, users and ACLs of a secured broker, or empty
     */
    public static EmbeddedKafkaBroker start(int port, Map<String, String> overrides, Optional<BrokerSecurity> security) {
        long started = System.nanoTime();
        Path logDir;
        try {
            logDir = Files.createTempDirectory("signstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log directory for the embedded broker", e);
        }
        int brokerPort = port == 0 ? FreePorts.next() : port;
        int controllerPort = FreePorts.next();
        int tlsPort = security.isPresent() ? FreePorts.next() : 0;
        Map<String, String> settings = defaults(logDir, brokerPort, controllerPort);
        security.ifPresent(sec -> settings.putAll(sec.brokerSettings(brokerPort, tlsPort, controllerPort)));
        settings.putAll(overrides);
        Properties props = new Properties();
        props.putAll(settings);

        format(logDir, props, Uuid.randomUuid().toString(), security.map(BrokerSecurity::formatArguments).orElse(List.of()));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = "127.0.0.1:" + brokerPort;
        Optional<String> tlsBootstrap = security.map(sec -> "127.0.0.1:" + tlsPort);
        Map<String, Object> ownClient = security.map(sec -> sec.brokerClientConfig(tlsBootstrap.orElseThrow()))
                .orElse(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try {
            server.startup();
            awaitReady(ownClient);
            security.ifPresent(sec -> BrokerAcls.apply(ownClient, sec.acls().all(), READY_TIMEOUT));
        } catch (RuntimeException e) {
            server.shutdown();
            deleteQuietly(logDir);
            throw new IllegalStateException("embedded Kafka broker did not start: " + e.getMessage(), e);
        }
        LOG.info("Kafka broker ready at {}{} in {} ms", bootstrap, security.isPresent() ? " (SASL_SSL)" : "",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedKafkaBroker(server, logDir, bootstrap, tlsBootstrap);
    }

    static Map<String, String> defaults(Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("process.roles", "broker,controller");
        s.put("node.id", "1");
        s.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        s.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        s.put("controller.listener.names", "CONTROLLER");
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("log.dirs", logDir.toString());
        // A single node: without these, consumers read nothing and Streams never reaches RUNNING.
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "5");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", "5");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        // A transaction left open by a killed instance is aborted within a second of its timeout
        // (default: checked every 10 s), so its words do not hold readers back after a failover.
        s.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        s.put("num.partitions", "4");
        // The cleaner's default 128 MB buffer is wasted on a test broker.
        s.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        s.put("log.cleaner.io.buffer.size", String.valueOf(256 * 1024));
        s.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        s.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        s.put("num.network.threads", "2");
        s.put("num.io.threads", "4");
        s.put("auto.create.topics.enable", "false");
        // one node: there is no other broker to hand partitions to before stopping
        s.put("controlled.shutdown.enable", "false");
        return s;
    }

    /** Formats the log directory as {@code kafka-storage format} does (its main calls exit). */
    static void format(Path logDir, Properties props, String clusterId, List<String> extraArguments) {
        Path configFile = logDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(out, "embedded SignStream broker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        List<String> args = new ArrayList<>(List.of(
                "format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"));
        args.addAll(extraArguments);
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(String[]::new), out);
        }
        if (rc != 0) {
            // the output names the failing argument; SCRAM passwords are in none of its messages
            throw new IllegalStateException("formatting the broker log directory failed (" + rc + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    static void awaitReady(Map<String, Object> client) {
        String bootstrap = String.valueOf(client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker at " + bootstrap + " not ready after "
                                + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                }
                sleep(100);
            }
        }
    }

    /** The {@code bootstrap.servers} value for clients (the SASL_SSL listener when secured). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The mutual-TLS listener of a secured broker. */
    public Optional<String> tlsBootstrapServers() {
        return tlsBootstrapServers;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteQuietly(logDir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
