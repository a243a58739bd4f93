/** Load harnesses of the producer (run by hand or under the {@code soak} tag, never in the default build). */
package dev.signstream.producer.bench;
