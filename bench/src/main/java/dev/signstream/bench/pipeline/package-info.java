/**
 * {@code signstream bench}, in the manner of Kafka's perf-test tools, on the embedded stack or any
 * cluster ({@link dev.signstream.bench.pipeline.BenchCluster}):
 * {@link dev.signstream.bench.pipeline.BacklogBench} times the processor through Kafka over a
 * recorded backlog against raw ONNX Runtime, and a replay of the backlog in which every chunk is a
 * duplicate; {@link dev.signstream.bench.pipeline.LiveBench} runs N live sessions through every role,
 * the load replayed in real time from pre-rendered chunks ({@link dev.signstream.bench.pipeline.ChunkPool},
 * {@link dev.signstream.bench.pipeline.ChunkReplayer}) or rendered live. Each prints a Markdown
 * table and, as its last line, one JSON object ({@link dev.signstream.bench.pipeline.JsonLine}).
 */
package dev.signstream.bench.pipeline;
