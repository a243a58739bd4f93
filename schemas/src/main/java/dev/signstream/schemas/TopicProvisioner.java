package dev.signstream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates SignStream's topics when they are missing and waits until the cluster lists them
 * ({@code createTopics()} returning does not mean {@code listTopics()} sees them yet).
 */
public final class TopicProvisioner {

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
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Set<String> wanted = topics.stream().map(NewTopic::name).collect(Collectors.toSet());
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
