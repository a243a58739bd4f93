/**
 * Test support: a JUnit 5 extension that shares one Kafka broker and one schema registry per test
 * JVM (containers when a Docker engine answers, the embedded ones otherwise), child JVMs for tests
 * that kill processes, and headless Chromium for browser tests.
 */
package dev.signstream.embedded.junit;
