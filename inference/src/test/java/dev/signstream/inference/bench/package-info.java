/**
 * Benchmark harness (a main class, not a test): {@link dev.signstream.inference.bench.RuntimeBenchmark}
 * measures, in one run and on one model, the runtime's frames/s against raw ONNX Runtime at batch
 * 1, 4, 8 and 16, the shared batcher with as many calling threads as the batch, and the heap bytes
 * allocated per call. It prints Markdown tables for {@code docs/performance.md}.
 */
package dev.signstream.inference.bench;
