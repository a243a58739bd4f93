/**
 * The contract between SignStream's roles: the Avro records (generated into
 * {@code dev.signstream.schemas.avro}), the topic registry ({@link dev.signstream.schemas.Topics}),
 * serdes that write the Confluent wire format through an Apicurio registry
 * ({@link dev.signstream.schemas.AvroSerdes}), typed client settings
 * ({@link dev.signstream.schemas.KafkaSettings}) and dead letters.
 */
package dev.signstream.schemas;
