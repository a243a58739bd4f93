/**
 * A JUnit 5 extension that shares one Kafka broker and one schema registry per test JVM:
 * containers when a Docker engine answers, the embedded ones otherwise.
 */
package dev.signstream.embedded.junit;
