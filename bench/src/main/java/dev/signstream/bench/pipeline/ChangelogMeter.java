package dev.signstream.bench.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Bytes the brokers hold for one Streams application's changelog topics, counted once per
 * partition (on its leader), as the log's size on disk: compressed batches, record overhead and
 * transaction markers included. Two readings apart give the changelog traffic in between.
 */
public final class ChangelogMeter {

    private final Map<String, Object> adminConfig;
    private final String applicationId;

    public ChangelogMeter(Map<String, Object> adminConfig, String applicationId) {
        this.adminConfig = adminConfig;
        this.applicationId = applicationId;
    }

    /** Bytes of every {@code <application id>-...-changelog} topic now. */
    public long bytes() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> changelogs = new HashSet<>();
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith(applicationId + "-") && name.endsWith("-changelog")) {
                    changelogs.add(name);
                }
            }
            if (changelogs.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, Integer> leaders = new HashMap<>();
            Set<Integer> brokers = new HashSet<>();
            for (TopicDescription topic : admin.describeTopics(changelogs).allTopicNames().get().values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    if (p.leader() != null) {
                        leaders.put(new TopicPartition(topic.name(), p.partition()), p.leader().id());
                        brokers.add(p.leader().id());
                    }
                }
            }
            long bytes = 0;
            Map<Integer, Map<String, LogDirDescription>> dirs =
                    admin.describeLogDirs(List.copyOf(brokers)).allDescriptions().get();
            for (Map.Entry<Integer, Map<String, LogDirDescription>> broker : dirs.entrySet()) {
                for (LogDirDescription dir : broker.getValue().values()) {
                    for (var replica : dir.replicaInfos().entrySet()) {
                        if (broker.getKey().equals(leaders.get(replica.getKey()))) {
                            bytes += replica.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        }
    }
}
