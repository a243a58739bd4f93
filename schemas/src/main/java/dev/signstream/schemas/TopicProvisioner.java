package dev.signstream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates SignStream's topics when they are missing and waits until the cluster lists them
 * ({@code createTopics()} returning does not mean {@code listTopics()} sees them yet).
 *
 * <p>On a secured cluster a role sees only the topics its ACLs let it describe and may create
 * none: a topic it is not allowed to create is left to the administrator (whoever provisions the
 * cluster), and the role's own access check or client names it if the role needs it.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Frames are video of people: they are kept one hour unless a recording topic says otherwise. */
    public static final long FRAMES_RETENTION_MS = Duration.ofHours(1).toMillis();
    /** Room for raw-RGB chunks at 172x172. */
    public static final int FRAMES_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private TopicProvisioner() {
    }

    /** SignStream's four topics with their settings and the given replication factor. */
    public static List<NewTopic> standardTopics(TopicNames names, int partitions, short replicationFactor) {
        return standardTopics(names, Optional.of(partitions), Optional.of(replicationFactor));
    }

    /** SignStream's four topics with the broker's default replication factor. */
    public static List<NewTopic> standardTopics(TopicNames names, int partitions) {
        return standardTopics(names, Optional.of(partitions), Optional.empty());
    }

    private static List<NewTopic> standardTopics(TopicNames names, Optional<Integer> partitions,
                                                 Optional<Short> replication) {
        return List.of(
                new NewTopic(names.frames(), partitions, replication).configs(Map.of(
                        "retention.ms", String.valueOf(FRAMES_RETENTION_MS),
                        "max.message.bytes", String.valueOf(FRAMES_MAX_MESSAGE_BYTES))),
                new NewTopic(names.words(), partitions, replication),
                new NewTopic(names.sentences(), partitions, replication),
                new NewTopic(names.deadLetters(), partitions, replication));
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until
     * all are listed.
     */
    public static void ensure(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            Set<String> notAllowed = new HashSet<>();
            if (!missing.isEmpty()) {
                Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
                for (Map.Entry<String, KafkaFuture<Void>> e : created.entrySet()) {
                    try {
                        e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (ExecutionException failed) {
                        if (failed.getCause() instanceof TopicAuthorizationException
                                || failed.getCause() instanceof ClusterAuthorizationException) {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics.stream().map(NewTopic::name).toList()
                    + ": " + DeadLetters.describe(e), e);
        }
    }
}
