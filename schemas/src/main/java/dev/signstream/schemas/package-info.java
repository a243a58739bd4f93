/**
 * The contract between SignStream's roles: the Avro records (generated into
 * {@code dev.signstream.schemas.avro}), the topic registry ({@link dev.signstream.schemas.Topics}),
 * serdes that write the Confluent wire format through an Apicurio registry
 * ({@link dev.signstream.schemas.AvroSerdes}), typed client settings
 * ({@link dev.signstream.schemas.KafkaSettings}: flags, a client properties file, {@code KAFKA_*}
 * variables, registry credentials; secrets never shown, see {@link dev.signstream.schemas.Secrets}),
 * the start-up check of a role's cluster access ({@link dev.signstream.schemas.ClusterCheck}) and
 * dead letters. How far apart two word sequences are, which the roles and their evaluation must
 * count alike, is in {@code dev.signstream.schemas.words}.
 */
package dev.signstream.schemas;
