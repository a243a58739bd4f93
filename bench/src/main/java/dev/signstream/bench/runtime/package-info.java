/**
 * The inference runtime against raw ONNX Runtime, without Kafka:
 * {@link dev.signstream.bench.runtime.RuntimeBenchmark} measures, in one run and on one model, the
 * runtime's frames/s against raw ONNX Runtime doing the same job and against a zero-copy floor at
 * batch 1, 4, 8 and 16, the shared batcher with as many calling threads as the batch, the heap
 * bytes allocated per call, and the frame decoder. {@link dev.signstream.bench.runtime.RawOrtBaseline}
 * is the raw baseline {@code signstream bench backlog} divides by.
 */
package dev.signstream.bench.runtime;
