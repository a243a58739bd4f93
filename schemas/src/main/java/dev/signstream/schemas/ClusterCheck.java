package dev.signstream.schemas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What every role checks before it starts: that the cluster answers (a bootstrap address nobody
 * listens on is named at once), accepts its credentials and TLS, and lets its user do what the role
 * needs with each topic. Each failure becomes one
 * {@link ClusterAccessException} that names the address, the user and the topic, within the
 * timeout: a client that does not speak a secured listener's protocol would otherwise retry
 * silently for minutes.
 */
public final class ClusterCheck {

    /** How long the check waits for the cluster. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private ClusterCheck() {
    }

    /**
     * Checks the connection, then the access to each topic.
     *
     * @param settings the role's settings
     * @param access the operations the role needs on each topic (e.g. READ on the words topic);
     *     a topic that does not exist yet is not checked (the role may create it)
     * @param timeout how long to wait for the cluster
     * @throws ClusterAccessException naming what failed
     */
    public static void verify(KafkaSettings settings, Map<String, Set<AclOperation>> access, Duration timeout) {
        refusedEverywhere(settings, timeout);
        Map<String, Object> config = settings.adminConfig();
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "signstream-check");
        String user = settings.principalName().map(u -> "user '" + u + "'").orElse("this client");
        Admin admin = Admin.create(config);
        try {
            await(admin.describeCluster().clusterId(), timeout, settings, user);
            if (access.isEmpty()) {
                return;
            }
            Map<String, KafkaFuture<TopicDescription>> topics = admin.describeTopics(access.keySet(),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
            List<String> refused = new ArrayList<>();
            ClusterAccessException first = null;
            for (Map.Entry<String, Set<AclOperation>> wanted : new TreeMap<>(access).entrySet()) {
                try {
                    checkTopic(topics.get(wanted.getKey()), wanted.getKey(), wanted.getValue(), timeout, settings, user);
                } catch (ClusterAccessException e) {
                    first = first == null ? e : first;
                    refused.add(e.getMessage());
                }
            }
            if (refused.size() == 1) {
                throw first;
            }
            if (!refused.isEmpty()) {
                throw new ClusterAccessException(String.join("; ", refused), first.getCause());
            }
        } finally {
            // a node that takes connections and never answers would keep an unbounded close waiting
            // for requests that never complete: the check is over, nothing is left to finish
            admin.close(Duration.ZERO);
        }
    }

    /**
     * When no bootstrap server even accepts a TCP connection (refused, unknown host), says so at once
     * instead of letting the admin client retry until the timeout.
     */
    private static void refusedEverywhere(KafkaSettings settings, Duration timeout) {
        String[] servers = settings.bootstrapServers().split(",");
        List<String> refusals = new ArrayList<>();
        for (String server : servers) {
            String hostPort = server.trim();
            int colon = hostPort.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), (int) timeout.toMillis());
                return;
            } catch (IOException | RuntimeException e) {
                refusals.add(hostPort + ": " + e.getClass().getSimpleName() + ": " + rootMessage(e));
            }
        }
        throw new ClusterAccessException("cannot reach the Kafka cluster at " + settings.bootstrapServers() + " ("
                + String.join("; ", refusals) + "); check the bootstrap servers (KAFKA_BOOTSTRAP_SERVERS)");
    }

    private static void checkTopic(KafkaFuture<TopicDescription> future, String topic, Set<AclOperation> needed,
                                   Duration timeout, KafkaSettings settings, String user) {
        TopicDescription description;
        try {
            description = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return;
            }
            if (e.getCause() instanceof TopicAuthorizationException) {
                throw new ClusterAccessException(user + " is not authorized to " + names(needed) + " topic " + topic
                        + " at " + settings.bootstrapServers() + " (it may not even describe it)", e.getCause());
            }
            throw failure(e.getCause(), settings, user, timeout);
        } catch (TimeoutException e) {
            throw failure(e, settings, user, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterAccessException("interrupted while checking topic " + topic, e);
        }
        Set<AclOperation> allowed = description.authorizedOperations();
        if (allowed == null || allowed.contains(AclOperation.ALL)) {
            return; // the cluster does not say (no authorizer): the clients will
        }
        Set<AclOperation> missing = EnumSet.noneOf(AclOperation.class);
        for (AclOperation op : needed) {
            if (!allowed.contains(op)) {
                missing.add(op);
            }
        }
        if (!missing.isEmpty()) {
            throw new ClusterAccessException(user + " is not authorized to " + names(missing) + " topic " + topic
                    + " at " + settings.bootstrapServers() + " (allowed: " + names(allowed) + ")");
        }
    }

    private static void await(KafkaFuture<?> future, Duration timeout, KafkaSettings settings, String user) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), settings, user, timeout);
        } catch (TimeoutException e) {
            throw failure(e, settings, user, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterAccessException("interrupted while connecting to Kafka at " + settings.bootstrapServers(), e);
        }
    }

    private static ClusterAccessException failure(Throwable cause, KafkaSettings settings, String user, Duration timeout) {
        String at = "Kafka at " + settings.bootstrapServers();
        String protocol = settings.clientProperties().getOrDefault("security.protocol", "PLAINTEXT");
        if (cause instanceof SaslAuthenticationException) {
            return new ClusterAccessException(at + " refused the credentials of " + user + " ("
                    + settings.clientProperties().getOrDefault("sasl.mechanism", "GSSAPI")
                    + "): check the username and password in sasl.jaas.config", cause);
        }
        if (cause instanceof SslAuthenticationException) {
            return new ClusterAccessException("the TLS handshake with " + at + " failed (" + rootMessage(cause)
                    + "): check that ssl.truststore.* holds the cluster's CA certificate, that the address matches"
                    + " the broker's certificate, and, for mutual TLS, ssl.keystore.*", cause);
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new ClusterAccessException("no answer from " + at + " within " + timeout.toSeconds()
                    + " s (security.protocol=" + protocol + "): check the address; a secured listener closes the"
                    + " connections of clients that do not speak its protocol, so give the cluster's client settings"
                    + " in a client config file or KAFKA_SECURITY_PROTOCOL and its friends", cause);
        }
        return new ClusterAccessException("cannot use " + at + " as " + user + ": " + rootMessage(cause), cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String names(Set<AclOperation> ops) {
        List<String> names = ops.stream().map(op -> op.name().toUpperCase(Locale.ROOT)).sorted().toList();
        return String.join("/", names);
    }
}
