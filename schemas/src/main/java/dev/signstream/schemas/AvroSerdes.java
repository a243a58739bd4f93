package dev.signstream.schemas;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for our Avro records through an Apicurio registry. They write the Confluent wire format
 * (magic byte 0, a 4-byte schema id, Avro binary; nothing in headers), register the writer schema
 * under the subject {@code <topic>-value} on first use, and read into the generated classes,
 * resolving the writer's schema against ours (schemas evolve BACKWARD compatibly). A value that
 * cannot be read fails with an {@link UnreadableRecordException} naming the fault (empty, not the
 * wire format, unknown schema id, truncated); a registry that cannot be reached with a
 * {@link RegistryUnavailableException}. A {@code null} value (a tombstone) reads as {@code null}.
 *
 * <p>The registry is reached either through its URL (each serde makes its own client, as in
 * production) or through one given client shared by every serde (an in-memory registry lets
 * topology tests run without a registry process).
 */
public final class AvroSerdes {

    private final Map<String, Object> config;
    private final String registryName;
    /** Null: each serde makes its own client from the URL in {@link #config}. */
    private final RegistryClientFacade client;

    /**
     * @param registryUrl Apicurio's native API, e.g. {@code http://host:8080/apis/registry/v2}
     * @param extra more {@code apicurio.registry.*} settings (auth, TLS), may be empty
     */
    public AvroSerdes(String registryUrl, Map<String, ?> extra) {
        this(Objects.requireNonNull(registryUrl, "registryUrl"), extra, null);
    }

    private AvroSerdes(String registryName, Map<String, ?> extra, RegistryClientFacade client) {
        Map<String, Object> c = new HashMap<>();
        if (client == null) {
            c.put(SerdeConfig.REGISTRY_URL, registryName);
        }
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        // Register each schema whole, nested enums and records inline, as plain Confluent
        // clients expect, instead of one artifact per named type linked by references.
        c.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        c.putAll(extra);
        this.config = Map.copyOf(c);
        this.registryName = registryName;
        this.client = client;
    }

    /** Serdes for the registry of these settings, with its credentials. */
    public static AvroSerdes of(KafkaSettings settings) {
        return new AvroSerdes(settings.registryUrl(), settings.registryProperties());
    }

    /**
     * Serdes whose every serde talks to the registry through this one client.
     *
     * @param client a registry client, e.g. an in-memory registry for topology tests
     * @param registryName what messages call the registry
     */
    public static AvroSerdes withClient(RegistryClientFacade client, String registryName) {
        return new AvroSerdes(Objects.requireNonNull(registryName, "registryName"), Map.of(),
                Objects.requireNonNull(client, "client"));
    }

    /**
     * The settings every serde gets (for clients configured by class name; serdes on a given client
     * have no URL here, and a serde configured from these alone could not reach that client).
     */
    public Map<String, Object> config() {
        return config;
    }

    /** A configured serde for values of the given generated class. */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        AvroKafkaSerializer<T> serializer = client == null ? new AvroKafkaSerializer<>()
                : new AvroKafkaSerializer<>(client);
        AvroKafkaDeserializer<T> apicurio = client == null ? new AvroKafkaDeserializer<>()
                : new AvroKafkaDeserializer<>(client);
        serializer.configure(config, false);
        apicurio.configure(config, false);
        WireFormatDeserializer<T> deserializer = new WireFormatDeserializer<>(apicurio, registryName,
                type.getSimpleName());
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
