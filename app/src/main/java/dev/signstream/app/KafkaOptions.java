package dev.signstream.app;

import dev.signstream.schemas.KafkaSettings;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/**
 * The Kafka flags every role takes (a picocli mixin); the environment fills what they leave out
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SIGNSTREAM_REGISTRY_URL}, {@code KAFKA_*} pass-through).
 */
final class KafkaOptions {

    /** Client settings a Kafka Streams role may be given through {@code KAFKA_*} variables. */
    static final List<ConfigDef> STREAMS_CLIENTS = List.of(StreamsConfig.configDef(), ConsumerConfig.configDef(),
            ProducerConfig.configDef(), AdminClientConfig.configDef());

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster; default: $KAFKA_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Apicurio registry API, e.g. http://localhost:8080/apis/registry/v2; default: $SIGNSTREAM_REGISTRY_URL.")
    String registryUrl;

    /** The settings from these flags and the environment; fails naming what is missing or malformed. */
    KafkaSettings settings(List<ConfigDef> clientConfigs) {
        return KafkaSettings.parse(System.getenv(), Optional.ofNullable(bootstrapServers), Optional.ofNullable(registryUrl),
                clientConfigs);
    }
}
