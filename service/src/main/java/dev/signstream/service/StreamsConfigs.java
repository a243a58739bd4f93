package dev.signstream.service;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.InvalidSettingException;
import dev.signstream.schemas.KafkaSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every SignStream role starts from: exactly-once (v2), unreadable
 * records and rejected records to the dead-letter topic, the {@code KAFKA_*} pass-through of
 * {@link KafkaSettings}, and a 6 s session timeout so the work of an instance that died moves within
 * seconds (a {@code KAFKA_SESSION_TIMEOUT_MS} variable applies to every client instead).
 *
 * <p>A {@code KAFKA_*} variable that contradicts one of these settings (say
 * {@code KAFKA_PROCESSING_GUARANTEE=at_least_once}) fails start-up with a message naming it: the
 * guarantees are not negotiable per deployment. Role-specific settings go in {@code overrides}.
 */
public final class StreamsConfigs {

    /**
     * How long a member may stay silent before the group coordinator hands its tasks to the others:
     * the lowest a stock broker allows ({@code group.min.session.timeout.ms}), so the sessions of an
     * instance killed without a goodbye move after 6 s instead of the consumer default's 45 s.
     */
    public static final int SESSION_TIMEOUT_MS = 6_000;
    /** Heartbeats a sixth of the session timeout apart: a rebalance is noticed within a second. */
    public static final int HEARTBEAT_INTERVAL_MS = 1_000;
    /**
     * A transaction left open by an instance that died is aborted by the broker after this (plus the
     * broker's {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}); until then its
     * words hold back what {@code read_committed} consumers may read of their partition. Streams'
     * own exactly-once default is 10 s; a transaction normally lives one commit interval (100 ms).
     */
    public static final int TRANSACTION_TIMEOUT_MS = 5_000;

    private StreamsConfigs() {
    }

    /**
     * Settings for one Streams application whose dead letters go through the registry of
     * {@code settings} ({@link AvroSerdes#of}).
     *
     * @see #exactlyOnce(KafkaSettings, AvroSerdes, String, Map)
     */
    public static Map<String, Object> exactlyOnce(KafkaSettings settings, String applicationId,
                                                  Map<String, ?> overrides) {
        return exactlyOnce(settings, AvroSerdes.of(settings), applicationId, overrides);
    }

    /**
     * Settings for one Streams application.
     *
     * @param settings cluster, pass-through client settings and topic names
     * @param serdes the role's serdes: the dead-letter handlers write through them (its registry, its
     *     credentials)
     * @param applicationId the {@code application.id}: instances with the same id share the work
     * @param overrides role-specific settings (state dir, threads, cache size...), applied last
     * @throws InvalidSettingException when a {@code KAFKA_*} variable contradicts a required setting
     */
    public static Map<String, Object> exactlyOnce(KafkaSettings settings, AvroSerdes serdes, String applicationId,
                                                  Map<String, ?> overrides) {
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(applicationId, "applicationId");
        Map<String, Object> required = new TreeMap<>();
        required.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        required.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        required.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        required.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class.getName());
        // also for global stores (the default from Kafka 5.0; silences a start-up warning)
        required.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        required.put(DeadLetterWriter.DLQ_TOPIC_CONFIG, settings.topics().deadLetters());

        Map<String, Object> config = new TreeMap<>(settings.clientConfig());
        // defaults a KAFKA_* variable may change: fast failover (docs/processor.md, Failover)
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        for (Map.Entry<String, Object> e : required.entrySet()) {
            Object given = config.get(e.getKey());
            if (given != null && !given.toString().equals(e.getValue().toString())) {
                throw new InvalidSettingException("KAFKA_" + e.getKey().toUpperCase(Locale.ROOT).replace('.', '_')
                        + "='" + given + "' contradicts SignStream's " + e.getKey() + "=" + e.getValue()
                        + "; remove the variable");
            }
            config.put(e.getKey(), e.getValue());
        }
        // an object, not a setting: Kafka Streams hands it to the dead-letter handlers as given
        config.put(DeadLetterWriter.SERDES_CONFIG, serdes);
        config.putAll(overrides);
        return config;
    }
}
