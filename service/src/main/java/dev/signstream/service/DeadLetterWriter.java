package dev.signstream.service;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.avro.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns a failed input record into a serialized {@link DeadLetter} for the dead-letter topic. The
 * error handlers hand the record back to Kafka Streams, which writes it in the same transaction as
 * the task's other output: under exactly-once a dead letter is written exactly once.
 *
 * <p>Configured from the Streams config (Kafka Streams instantiates the handlers by class name):
 * {@value #DLQ_TOPIC_CONFIG}, {@value #REGISTRY_URL_CONFIG}, {@code application.id} and any
 * {@code apicurio.registry.*} setting.
 */
final class DeadLetterWriter {

    /** Streams config key: the dead-letter topic. */
    static final String DLQ_TOPIC_CONFIG = "signstream.dlq.topic";
    /** Streams config key: the registry URL for the {@code DeadLetter} serializer. */
    static final String REGISTRY_URL_CONFIG = "signstream.registry.url";
    private static final String APICURIO_PREFIX = "apicurio.registry.";

    private final String topic;
    private final String applicationId;
    private final Serializer<DeadLetter> serializer;

    private DeadLetterWriter(String topic, String applicationId, Serializer<DeadLetter> serializer) {
        this.topic = topic;
        this.applicationId = applicationId;
        this.serializer = serializer;
    }

    /** Builds the writer from the configs Kafka Streams passes to a handler's {@code configure}. */
    static DeadLetterWriter fromConfig(Map<String, ?> configs) {
        String topic = required(configs, DLQ_TOPIC_CONFIG);
        String registry = required(configs, REGISTRY_URL_CONFIG);
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        Map<String, Object> extra = new HashMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(APICURIO_PREFIX)) {
                extra.put(key, value);
            }
        });
        Serializer<DeadLetter> serializer = new AvroSerdes(registry, extra).valueSerde(DeadLetter.class).serializer();
        return new DeadLetterWriter(topic, appId == null ? "" : appId.toString(), serializer);
    }

    private static String required(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(key + " is not set: build the Streams config with StreamsConfigs");
        }
        return value.toString();
    }

    /** The dead letter of one source record, ready for Kafka Streams to send. */
    ProducerRecord<byte[], byte[]> record(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                          String stage, Throwable error) {
        DeadLetter letter = DeadLetters.of(sourceTopic, partition, offset, key, value, stage, error, applicationId);
        return new ProducerRecord<>(topic, null, key, serializer.serialize(topic, letter));
    }

    String topic() {
        return topic;
    }
}
