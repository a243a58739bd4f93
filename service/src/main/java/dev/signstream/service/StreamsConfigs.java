package dev.signstream.service;

import dev.signstream.schemas.InvalidSettingException;
import dev.signstream.schemas.KafkaSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every SignStream role starts from: exactly-once (v2), unreadable
 * records and rejected records to the dead-letter topic, the {@code KAFKA_*} pass-through of
 * {@link KafkaSettings}.
 *
 * <p>A {@code KAFKA_*} variable that contradicts one of these settings (say
 * {@code KAFKA_PROCESSING_GUARANTEE=at_least_once}) fails start-up with a message naming it: the
 * guarantees are not negotiable per deployment. Role-specific settings go in {@code overrides}.
 */
public final class StreamsConfigs {

    private StreamsConfigs() {
    }

    /**
     * Settings for one Streams application.
     *
     * @param settings cluster, registry, pass-through client settings and topic names
     * @param applicationId the {@code application.id}: instances with the same id share the work
     * @param overrides role-specific settings (state dir, threads, cache size...), applied last
     * @throws InvalidSettingException when a {@code KAFKA_*} variable contradicts a required setting
     */
    public static Map<String, Object> exactlyOnce(KafkaSettings settings, String applicationId,
                                                  Map<String, ?> overrides) {
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
        required.put(DeadLetterWriter.REGISTRY_URL_CONFIG, settings.registryUrl());

        Map<String, Object> config = new TreeMap<>(settings.clientConfig());
        for (Map.Entry<String, Object> e : required.entrySet()) {
            Object given = config.get(e.getKey());
            if (given != null && !given.toString().equals(e.getValue().toString())) {
                throw new InvalidSettingException("KAFKA_" + e.getKey().toUpperCase(Locale.ROOT).replace('.', '_')
                        + "='" + given + "' contradicts SignStream's " + e.getKey() + "=" + e.getValue()
                        + "; remove the variable");
            }
            config.put(e.getKey(), e.getValue());
        }
        // the dead-letter serializer's registry credentials (DeadLetterWriter reads apicurio.registry.*)
        config.putAll(settings.registryProperties());
        config.putAll(overrides);
        return config;
    }
}
