/**
 * Publishing to Kafka: the chunk publisher (key = session id, idempotent, {@code acks=all}) and
 * the wiring of a producer process (topics, client settings, record size limits).
 */
package dev.signstream.producer.kafka;
