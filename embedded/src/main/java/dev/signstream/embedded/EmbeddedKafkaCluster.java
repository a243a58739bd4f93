package dev.signstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of several nodes in this JVM (each a broker and a KRaft controller), as
 * production runs it: every topic replicated to all nodes by default ({@code default.replication.factor}
 * = nodes) with {@code min.insync.replicas} = nodes - 1, internal topics likewise. One node can be
 * killed and started again on its data while clients work: {@link #kill} stops it without the
 * controlled shutdown that would first move its partition leaders away, so the cluster finds out
 * the way it finds out about a crash (the node's broker session times out), and {@link #restart}
 * brings it back, to catch up from the others.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<Node> nodes;

    /** One node: its settings, its data and, while it runs, its server. */
    private static final class Node {
        final int id;
        final Properties config;
        final Path logDir;
        final String bootstrap;
        KafkaRaftServer server;

        Node(int id, Properties config, Path logDir, String bootstrap) {
            this.id = id;
            this.config = config;
            this.logDir = logDir;
            this.bootstrap = bootstrap;
        }
    }

    private EmbeddedKafkaCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code size} nodes (at least 3) on free ports and waits until every one answers. */
    public static EmbeddedKafkaCluster start(int size) {
        if (size < 3) {
            throw new IllegalArgumentException("a cluster that survives a dead node needs at least 3 nodes, not " + size);
        }
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        int[] brokerPorts = new int[size];
        int[] controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            brokerPorts[i] = FreePorts.next();
            controllerPorts[i] = FreePorts.next();
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Path logDir;
            try {
                logDir = Files.createTempDirectory("signstream-kafka-node" + (i + 1) + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a log directory for node " + (i + 1), e);
            }
            Map<String, String> settings = EmbeddedKafkaBroker.defaults(logDir, brokerPorts[i], controllerPorts[i]);
            settings.put("node.id", String.valueOf(i + 1));
            settings.put("controller.quorum.voters", voters);
            String replicas = String.valueOf(size);
            String minIsr = String.valueOf(size - 1);
            settings.put("default.replication.factor", replicas);
            settings.put("min.insync.replicas", minIsr);
            settings.put("offsets.topic.replication.factor", replicas);
            settings.put("transaction.state.log.replication.factor", replicas);
            settings.put("transaction.state.log.min.isr", minIsr);
            settings.put("share.coordinator.state.topic.replication.factor", replicas);
            settings.put("share.coordinator.state.topic.min.isr", minIsr);
            // a killed node is a crash: no leadership hand-off before it goes; the controllers fence a
            // silent node after 3 s (default 9 s) so a test sees its leaders move within seconds
            settings.put("controlled.shutdown.enable", "false");
            settings.put("broker.session.timeout.ms", "3000");
            settings.put("broker.heartbeat.interval.ms", "500");
            Properties props = new Properties();
            props.putAll(settings);
            EmbeddedKafkaBroker.format(logDir, props, clusterId, List.of());
            nodes.add(new Node(i + 1, props, logDir, "127.0.0.1:" + brokerPorts[i]));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(nodes);
        try {
            // a node's start waits for a controller quorum, so they start together
            CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(() -> cluster.startNode(n)))
                    .toArray(CompletableFuture[]::new)).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("embedded Kafka cluster did not start: " + e.getMessage(), e);
        }
        LOG.info("Kafka cluster of {} nodes ready at {} in {} ms", size, cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return cluster;
    }

    private void startNode(Node node) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(node.config, false), Time.SYSTEM);
        synchronized (node) {
            node.server = server;
        }
        server.startup();
        EmbeddedKafkaBroker.awaitReady(Map.of("bootstrap.servers", node.bootstrap));
    }

    /** The {@code bootstrap.servers} value for clients: every node. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> n.bootstrap).collect(Collectors.joining(","));
    }

    /** Nodes the controllers count as alive (a killed one drops out once its broker session times out). */
    public List<Integer> liveNodes() {
        Node any = nodes.stream().filter(n -> n.server != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node runs"));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", any.bootstrap))) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                    .map(org.apache.kafka.common.Node::id).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the cluster: " + e.getMessage(), e);
        }
    }

    /** Node ids, 1 to the cluster's size. */
    public List<Integer> nodeIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    /** Stops a node at once, as a crash would (no controlled shutdown); its data stays. */
    public void kill(int nodeId) {
        Node node = node(nodeId);
        KafkaRaftServer server;
        synchronized (node) {
            server = node.server;
            node.server = null;
        }
        if (server == null) {
            throw new IllegalStateException("node " + nodeId + " is not running");
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("node {} killed in {} ms", nodeId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Starts a killed node again on its data and waits until it answers. */
    public void restart(int nodeId) {
        Node node = node(nodeId);
        synchronized (node) {
            if (node.server != null) {
                throw new IllegalStateException("node " + nodeId + " is running");
            }
        }
        long started = System.nanoTime();
        startNode(node);
        LOG.info("node {} back in {} ms", nodeId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private Node node(int nodeId) {
        return nodes.stream().filter(n -> n.id == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + nodeIds()));
    }

    /** Stops every node and deletes the data. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (Node node : nodes) {
            KafkaRaftServer server;
            synchronized (node) {
                server = node.server;
                node.server = null;
            }
            if (server != null) {
                stopped.add(CompletableFuture.runAsync(() -> {
                    server.shutdown();
                    server.awaitShutdown();
                }));
            }
        }
        stopped.forEach(CompletableFuture::join);
        nodes.forEach(n -> EmbeddedKafkaBroker.deleteQuietly(n.logDir));
    }
}
