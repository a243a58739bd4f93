package dev.signstream.schemas;

import java.util.List;
import java.util.Map;

/**
 * What {@link TopicProvisioner} found once the topics existed: each topic's partitions,
 * replication factor and settings, and how topics that were there before differ from what
 * SignStream would have created (one readable line each).
 *
 * @param topics by name
 * @param disagreements e.g. "topic signstream.frames already exists with 4 partitions where
 *     SignStream creates 6: left as it is"
 */
public record ProvisionedTopics(Map<String, TopicState> topics, List<String> disagreements) {

    public ProvisionedTopics {
        topics = Map.copyOf(topics);
        disagreements = List.copyOf(disagreements);
    }

    /**
     * One topic as the cluster describes it.
     *
     * @param partitions partition count
     * @param replicationFactor replicas of its first partition
     * @param configs its settings (e.g. {@code retention.ms}, {@code max.message.bytes})
     */
    public record TopicState(int partitions, int replicationFactor, Map<String, String> configs) {
        public TopicState {
            configs = Map.copyOf(configs);
        }
    }

    /** The topic's state. @throws IllegalArgumentException for a topic not provisioned */
    public TopicState topic(String name) {
        TopicState state = topics.get(name);
        if (state == null) {
            throw new IllegalArgumentException("topic " + name + " was not provisioned");
        }
        return state;
    }
}
