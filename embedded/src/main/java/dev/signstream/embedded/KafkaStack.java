package dev.signstream.embedded;

/** Where a running Kafka cluster and its schema registry answer. */
public interface KafkaStack {

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    /** Base URL of Apicurio's native API, the one the Apicurio serde talks to. */
    String registryUrl();

    /** Base URL of the registry's Confluent-compatible API ({@code .../apis/ccompat/v7}). */
    String ccompatUrl();
}
