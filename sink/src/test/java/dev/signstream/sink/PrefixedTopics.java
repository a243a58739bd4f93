package dev.signstream.sink;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A test's own set of SignStream topics on the shared test stack (a fresh prefix, so tests never
 * read each other's records), created, with the settings a role needs to use them.
 *
 * @param names the topics' names
 * @param kafka settings naming the stack and the prefixed topics
 */
public record PrefixedTopics(TopicNames names, KafkaSettings kafka) {

    /** Topics named {@code label-<random>.*} with {@code partitions} each, created on the stack. */
    public static PrefixedTopics create(KafkaStack stack, String label, int partitions) {
        String prefix = label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TopicNames names = TopicNames.withPrefix(prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, partitions, (short) 1),
                    Duration.ofSeconds(30));
        }
        KafkaSettings kafka = KafkaSettings.parse(Map.of("SIGNSTREAM_TOPIC_PREFIX", prefix),
                Optional.of(stack.bootstrapServers()), Optional.of(stack.registryUrl()),
                List.of(StreamsConfig.configDef()));
        return new PrefixedTopics(names, kafka);
    }
}
