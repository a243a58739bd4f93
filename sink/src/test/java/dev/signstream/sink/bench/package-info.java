/**
 * Benchmark harnesses (main classes, not tests): run with
 * {@code mvn -pl sink -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=...}.
 */
package dev.signstream.sink.bench;
