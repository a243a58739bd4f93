/**
 * Kafka Streams session inference: frame chunks in, word events out. One topology
 * ({@link dev.signstream.processor.ProcessorTopology#build}) used by {@code signstream process},
 * the demo, replay evaluation and the tests. Each session's model state lives in a persistent,
 * changelogged store; output and state commit together under exactly-once (v2); bad records go
 * to the dead-letter topic with the stage and the reason.
 */
package dev.signstream.processor;
