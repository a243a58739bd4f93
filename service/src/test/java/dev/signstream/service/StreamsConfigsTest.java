package dev.signstream.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.InvalidSettingException;
import dev.signstream.schemas.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConfigsTest {

    private static KafkaSettings settings(Map<String, String> env) {
        return KafkaSettings.parse(env, Optional.of("localhost:9092"), Optional.of("http://localhost:8081/apis/registry/v2"),
                List.of(StreamsConfig.configDef()));
    }

    @Test
    void exactlyOnceWithDeadLetterHandlersAndPassThrough() {
        Map<String, Object> config = StreamsConfigs.exactlyOnce(
                settings(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")), "signstream-sink", Map.of("num.stream.threads", 2));

        assertThat(config)
                .containsEntry("application.id", "signstream-sink")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("num.stream.threads", 2)
                .containsEntry("deserialization.exception.handler", DeadLetterDeserializationHandler.class.getName())
                .containsEntry("processing.exception.handler", DeadLetterProcessingHandler.class.getName())
                .containsEntry("processing.exception.handler.global.enabled", true)
                .containsEntry(DeadLetterWriter.DLQ_TOPIC_CONFIG, "signstream.dlq");
        assertThat(((AvroSerdes) config.get(DeadLetterWriter.SERDES_CONFIG)).config())
                .containsEntry("apicurio.registry.url", "http://localhost:8081/apis/registry/v2");
        // Kafka Streams accepts the whole map (unknown keys are passed on to the handlers)
        assertThat(new StreamsConfig(config).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    @Test
    void theRegistryCredentialsReachTheDeadLetterSerializerButNotTheClients() {
        Map<String, Object> config = StreamsConfigs.exactlyOnce(settings(Map.of("SIGNSTREAM_REGISTRY_USERNAME", "dlq-writer",
                "SIGNSTREAM_REGISTRY_PASSWORD", "pw")), "signstream-sink", Map.of());
        // the handler builds its serializer from the role's serdes, which hold the credentials
        assertThat(((AvroSerdes) config.get(DeadLetterWriter.SERDES_CONFIG)).config())
                .containsEntry("apicurio.registry.auth.username", "dlq-writer")
                .containsEntry("apicurio.registry.auth.password", "pw");
        assertThat(config.keySet()).noneMatch(key -> key.startsWith("apicurio."));
        DeadLetterWriter writer = DeadLetterWriter.fromConfig(config);
        assertThat(writer.topic()).isEqualTo("signstream.dlq");
    }

    @Test
    void theDeadLettersGoThroughTheSerdesTheRoleGives() {
        AvroSerdes serdes = new AvroSerdes("http://registry.example:8080/apis/registry/v2", Map.of());

        Map<String, Object> config = StreamsConfigs.exactlyOnce(settings(Map.of()), serdes, "app", Map.of());

        assertThat(config).containsEntry(DeadLetterWriter.SERDES_CONFIG, serdes);
    }

    @Test
    void failoverWithinSecondsByDefaultAndAVariableMayChangeIt() {
        assertThat(StreamsConfigs.exactlyOnce(settings(Map.of()), "app", Map.of()))
                .containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 1_000)
                .containsEntry("transaction.timeout.ms", 5_000);
        KafkaSettings slower = KafkaSettings.parse(Map.of("KAFKA_SESSION_TIMEOUT_MS", "45000"),
                Optional.of("localhost:9092"), Optional.of("http://localhost:8081/apis/registry/v2"),
                List.of(StreamsConfig.configDef(), org.apache.kafka.clients.consumer.ConsumerConfig.configDef()));
        assertThat(StreamsConfigs.exactlyOnce(slower, "app", Map.of())).containsEntry("session.timeout.ms", "45000");
    }

    @Test
    void aVariableContradictingExactlyOnceFailsNamingIt() {
        KafkaSettings weaker = settings(Map.of("KAFKA_PROCESSING_GUARANTEE", "at_least_once"));

        assertThatThrownBy(() -> StreamsConfigs.exactlyOnce(weaker, "signstream-sink", Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("KAFKA_PROCESSING_GUARANTEE='at_least_once'")
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void aVariableRepeatingARequiredValueIsAccepted() {
        KafkaSettings same = settings(Map.of("KAFKA_PROCESSING_GUARANTEE", "exactly_once_v2"));

        assertThat(StreamsConfigs.exactlyOnce(same, "app", Map.of())).containsEntry("processing.guarantee", "exactly_once_v2");
    }
}
