/**
 * Test support: a JUnit 5 extension that shares one Kafka broker and one schema registry per test
 * JVM (containers when a Docker engine answers, the embedded ones otherwise), child JVMs for tests
 * that kill processes. The headless Chromium harness of the browser tests lives in this package's
 * test sources and reaches other modules' tests through the test jar: production jars carry no
 * browser driver.
 */
package dev.signstream.embedded.junit;
