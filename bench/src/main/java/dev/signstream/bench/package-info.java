/**
 * SignStream's benchmarks, apart from every library module (no library jar carries them):
 * {@code signstream bench backlog} and {@code signstream bench live}
 * ({@link dev.signstream.bench.pipeline}), the inference runtime against raw ONNX Runtime
 * ({@link dev.signstream.bench.runtime}), and the one measuring loop they share
 * ({@link dev.signstream.bench.measure}).
 */
package dev.signstream.bench;
