/**
 * Real infrastructure on one machine, for the demo and the tests: an in-process Kafka broker in
 * combined KRaft mode ({@link dev.signstream.embedded.EmbeddedKafkaBroker}), an Apicurio Registry
 * in a child JVM that dies with its parent ({@link dev.signstream.embedded.EmbeddedSchemaRegistry}),
 * and both together ({@link dev.signstream.embedded.EmbeddedKafkaStack}), plain or secured
 * ({@code dev.signstream.embedded.secure}).
 */
package dev.signstream.embedded;
