package dev.signstream.service;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.avro.DeadLetter;
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
 * {@value #DLQ_TOPIC_CONFIG}, {@value #SERDES_CONFIG} (the role's {@link AvroSerdes}, so dead
 * letters reach the same registry, with the same credentials, as the role's topics) and
 * {@code application.id}.
 */
final class DeadLetterWriter {

    /** Streams config key: the dead-letter topic. */
    static final String DLQ_TOPIC_CONFIG = "signstream.dlq.topic";
    /** Streams config key: the {@link AvroSerdes} (an object, not a string) the dead letters are written with. */
    static final String SERDES_CONFIG = "signstream.serdes";

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
        String topic = required(configs, DLQ_TOPIC_CONFIG).toString();
        if (!(required(configs, SERDES_CONFIG) instanceof AvroSerdes serdes)) {
            throw new ConfigException(SERDES_CONFIG + " is not an AvroSerdes: build the Streams config with StreamsConfigs");
        }
        Object appId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        Serializer<DeadLetter> serializer = serdes.valueSerde(DeadLetter.class).serializer();
        return new DeadLetterWriter(topic, appId == null ? "" : appId.toString(), serializer);
    }

    private static Object required(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(key + " is not set: build the Streams config with StreamsConfigs");
        }
        return value;
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
