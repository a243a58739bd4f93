package dev.signstream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place SignStream's topics are created, with one set of defaults
 * ({@value #DEFAULT_PARTITIONS} partitions, the broker's replication factor, frames kept an hour).
 * Every role that creates topics (processor, producer, sink with {@code --create-topics}, demo,
 * recorder) comes here. Topics that exist are left as they are, but where they disagree with what
 * SignStream would create (partitions, replication factor, a setting such as {@code retention.ms})
 * the difference is logged and returned in the {@link ProvisionedTopics}.
 *
 * <p>On a secured cluster a role sees only the topics its ACLs let it describe and may create
 * none: a topic it is not allowed to create is left to the administrator (whoever provisions the
 * cluster), and the role's own access check or client names it if the role needs it.
 */
public final class TopicProvisioner {

    /** Partitions of the topics SignStream creates, in every role. */
    public static final int DEFAULT_PARTITIONS = 6;
    /** How long provisioning may take before the cluster counts as unreachable. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Frames are video of people: they are kept one hour unless a recording topic says otherwise. */
    public static final long FRAMES_RETENTION_MS = Duration.ofHours(1).toMillis();
    /** Room for raw-RGB chunks at 172x172. */
    public static final int FRAMES_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** SignStream's four topics with their settings and the given replication factor. */
    public static List<NewTopic> standardTopics(TopicNames names, int partitions, short replicationFactor) {
        return standardTopics(names, partitions, Optional.of(replicationFactor));
    }

    /** SignStream's four topics with the broker's default replication factor. */
    public static List<NewTopic> standardTopics(TopicNames names, int partitions) {
        return standardTopics(names, partitions, Optional.empty());
    }

    /**
     * Checks the layout of topics to be created, before anything is: at least one partition and, if
     * given, a replication factor of at least 1.
     *
     * @param replicationFactor empty: the broker's {@code default.replication.factor}
     * @throws IllegalArgumentException naming the bad value
     */
    public static void checkLayout(int partitions, Optional<Short> replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        replicationFactor.ifPresent(TopicProvisioner::checkReplicationFactor);
    }

    /** Checks a replication factor for topics to be created: at least 1. */
    public static void checkReplicationFactor(short replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1, not " + replicationFactor);
        }
    }

    /**
     * SignStream's four topics.
     *
     * @param replicationFactor empty: the broker's {@code default.replication.factor}
     */
    public static List<NewTopic> standardTopics(TopicNames names, int partitions, Optional<Short> replicationFactor) {
        checkLayout(partitions, replicationFactor);
        Optional<Integer> count = Optional.of(partitions);
        return List.of(
                new NewTopic(names.frames(), count, replicationFactor).configs(Map.of(
                        "retention.ms", String.valueOf(FRAMES_RETENTION_MS),
                        "max.message.bytes", String.valueOf(FRAMES_MAX_MESSAGE_BYTES))),
                new NewTopic(names.words(), count, replicationFactor),
                new NewTopic(names.sentences(), count, replicationFactor),
                new NewTopic(names.deadLetters(), count, replicationFactor));
    }

    /**
     * Creates SignStream's standard topics that are missing, with an admin client of its own.
     *
     * @param partitions partitions of topics created ({@link #DEFAULT_PARTITIONS} unless told)
     * @param replicationFactor empty: the broker's default
     * @throws IllegalStateException naming the cluster when it cannot be reached or refuses
     */
    public static ProvisionedTopics provision(KafkaSettings settings, int partitions,
                                              Optional<Short> replicationFactor) {
        return provision(settings, standardTopics(settings.topics(), partitions, replicationFactor));
    }

    /** Creates the given topics that are missing, with an admin client of its own. */
    public static ProvisionedTopics provision(KafkaSettings settings, Collection<NewTopic> topics) {
        Map<String, Object> config = settings.adminConfig();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
        Admin admin = Admin.create(config);
        try {
            return ensure(admin, topics, DEFAULT_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Kafka cluster at " + settings.bootstrapServers() + ": " + e.getMessage(),
                    e.getCause());
        } finally {
            admin.close(CLOSE_TIMEOUT); // bounded: a cluster that stopped answering must not hold the role
        }
    }

    /**
     * Creates the topics that do not exist yet, waits until all are listed, and reports how the
     * ones that existed differ from what would have been created (logged at WARN).
     */
    public static ProvisionedTopics ensure(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> names = topics.stream().map(NewTopic::name).toList();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            Set<String> notAllowed = new HashSet<>();
            if (!missing.isEmpty()) {
                Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
                for (Map.Entry<String, KafkaFuture<Void>> e : created.entrySet()) {
                    try {
                        e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        LOG.info("created topic {}", e.getKey());
                    } catch (ExecutionException failed) {
                        if (notAllowed(failed)) {
                            notAllowed.add(e.getKey());
                        } else if (!(failed.getCause() instanceof TopicExistsException)) {
                            throw failed;
                        }
                    }
                }
            }
            if (!notAllowed.isEmpty()) {
                LOG.debug("topics {} are not visible to this user, who may not create them: left to the administrator",
                        notAllowed);
            }
            Set<String> wanted = topics.stream().map(NewTopic::name).filter(name -> !notAllowed.contains(name))
                    .collect(Collectors.toSet());
            while (!admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + wanted + " not listed after " + timeout);
                }
                Thread.sleep(50);
            }
            ProvisionedTopics state = describe(admin, wanted, timeout);
            List<String> disagreements = new ArrayList<>();
            for (NewTopic topic : topics) {
                if (existing.contains(topic.name()) && state.topics().containsKey(topic.name())) {
                    disagreements.addAll(disagreements(topic, state));
                }
            }
            disagreements.forEach(d -> LOG.warn("{}", d));
            return new ProvisionedTopics(state.topics(), disagreements);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names + " within " + timeout.toSeconds() + " s: "
                    + DeadLetters.describe(e), e);
        }
    }

    /**
     * The topics as the cluster describes them: those this user may describe (its partitions and
     * replication factor) and, where allowed, their settings.
     */
    private static ProvisionedTopics describe(Admin admin, Set<String> names, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ProvisionedTopics.TopicState> topics = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : admin.describeTopics(names).topicNameValues()
                .entrySet()) {
            TopicDescription description;
            try {
                description = e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                if (notAllowed(failed)) {
                    continue;
                }
                throw failed;
            }
            int replicas = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            topics.put(e.getKey(), new ProvisionedTopics.TopicState(description.partitions().size(), replicas,
                    configs(admin, e.getKey(), timeout)));
        }
        return new ProvisionedTopics(topics, List.of());
    }

    /** A topic's settings, or none when this user may not read them. */
    private static Map<String, String> configs(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            return config.entries().stream().filter(entry -> entry.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (ExecutionException failed) {
            if (notAllowed(failed)) {
                return Map.of();
            }
            throw failed;
        }
    }

    private static boolean notAllowed(ExecutionException failed) {
        return failed.getCause() instanceof TopicAuthorizationException
                || failed.getCause() instanceof ClusterAuthorizationException;
    }

    private static List<String> disagreements(NewTopic wanted, ProvisionedTopics state) {
        ProvisionedTopics.TopicState actual = state.topics().get(wanted.name());
        List<String> found = new ArrayList<>();
        String prefix = "topic " + wanted.name() + " already exists with ";
        if (wanted.numPartitions() > 0 && actual.partitions() != wanted.numPartitions()) {
            found.add(prefix + actual.partitions() + " partitions where SignStream creates " + wanted.numPartitions()
                    + ": left as it is");
        }
        if (wanted.replicationFactor() > 0 && actual.replicationFactor() != wanted.replicationFactor()) {
            found.add(prefix + "replication factor " + actual.replicationFactor() + " where SignStream creates "
                    + wanted.replicationFactor() + ": left as it is");
        }
        if (wanted.configs() != null) {
            wanted.configs().forEach((key, value) -> {
                String has = actual.configs().get(key);
                boolean atLeast = key.equals("max.message.bytes"); // a larger limit does no harm
                if (has != null && !has.equals(value)
                        && !(atLeast && Long.parseLong(has) >= Long.parseLong(value))) {
                    found.add(prefix + key + "=" + has + " where SignStream creates " + key + "=" + value
                            + ": left as it is");
                }
            });
        }
        return found;
    }
}
