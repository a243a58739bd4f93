package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** One place creates the topics with one set of defaults, and says where an existing topic disagrees. */
@WithKafka
class TopicProvisionerTest {

    @Test
    void missingTopicsGetTheDefaultsAndExistingOnesThatDisagreeAreReported(KafkaStack stack) throws Exception {
        // Given a frames topic someone made by hand: 2 partitions, kept a week
        TopicNames names = TopicNames.withPrefix("provision-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, List.of(new NewTopic(names.frames(), 2, (short) 1)
                    .configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(7).toMillis())))), Duration.ofSeconds(30));
        }
        KafkaSettings settings = KafkaSettings.parse(Map.of(KafkaSettings.TOPIC_PREFIX_ENV,
                        names.frames().substring(0, names.frames().length() - "frames".length())),
                Optional.of(stack.bootstrapServers()), Optional.of(stack.registryUrl()),
                List.of(ConsumerConfig.configDef()));

        // When a role provisions SignStream's topics with the defaults
        ProvisionedTopics topics = TopicProvisioner.provision(settings, TopicProvisioner.DEFAULT_PARTITIONS,
                Optional.empty());

        // Then the missing ones have the default partitions, the frames topic is left as it was,
        // and each difference is reported
        assertThat(topics.topic(names.words()).partitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.topic(names.deadLetters()).partitions()).isEqualTo(TopicProvisioner.DEFAULT_PARTITIONS);
        assertThat(topics.topic(names.frames()).partitions()).isEqualTo(2);
        assertThat(topics.disagreements()).containsExactlyInAnyOrder(
                "topic " + names.frames() + " already exists with 2 partitions where SignStream creates 6"
                        + ": left as it is",
                "topic " + names.frames() + " already exists with retention.ms=604800000 where SignStream creates"
                        + " retention.ms=3600000: left as it is");

        // and provisioning again says nothing about the topics it created itself: only the frames topic
        assertThat(TopicProvisioner.provision(settings, TopicProvisioner.DEFAULT_PARTITIONS, Optional.empty())
                .disagreements()).hasSize(2).allMatch(d -> d.startsWith("topic " + names.frames() + " "));
    }
}
