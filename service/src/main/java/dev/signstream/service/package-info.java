/**
 * Plumbing every long-running Kafka Streams role shares (the processor, the sink):
 * {@link dev.signstream.service.StreamsRunner} owns a {@code KafkaStreams} client,
 * {@link dev.signstream.service.StreamsConfigs} builds the exactly-once settings, and two error
 * handlers route records that cannot be read or are rejected to the dead-letter topic as
 * {@code DeadLetter} records written through the role's serdes. Each role's facade has the shape of
 * {@link dev.signstream.service.StreamsService}. HTTP health and metrics live in
 * {@code dev.signstream.service.ops}.
 */
package dev.signstream.service;
