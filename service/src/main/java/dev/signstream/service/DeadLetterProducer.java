package dev.signstream.service;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters from a plain consumer (one outside Kafka Streams, such as the sink's caption view):
 * the same {@code DeadLetter} records the Streams handlers write, sent with an idempotent
 * {@code acks=all} producer of their own. A consumer that meets a record it cannot use sends it here
 * and goes on.
 */
public final class DeadLetterProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProducer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final String applicationId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<DeadLetter> serializer;

    /**
     * @param settings cluster, registry and the dead-letter topic's name
     * @param applicationId who gives up on the records, written into each dead letter
     */
    public DeadLetterProducer(KafkaSettings settings, String applicationId) {
        this.topic = settings.topics().deadLetters();
        this.applicationId = applicationId;
        Map<String, Object> config = new TreeMap<>(settings.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters");
        config.keySet().retainAll(ProducerConfig.configNames());
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.serializer = AvroSerdes.of(settings).valueSerde(DeadLetter.class).serializer();
    }

    /**
     * Sends the dead letter of one record (asynchronously; a failed send is logged).
     *
     * @param key the raw key, or null
     * @param value the raw value, or null
     * @param stage where it failed
     * @param error why
     */
    public void send(String sourceTopic, int partition, long offset, ByteBuffer key, ByteBuffer value, String stage,
                     Throwable error) {
        byte[] keyBytes = bytes(key);
        DeadLetter letter = DeadLetters.of(sourceTopic, partition, offset, keyBytes, bytes(value), stage, error,
                applicationId);
        producer.send(new ProducerRecord<>(topic, null, keyBytes, serializer.serialize(topic, letter)),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.error("{}-{}@{}: the dead letter could not be written to {}: {}", sourceTopic, partition,
                                offset, topic, failure.toString());
                    }
                });
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
