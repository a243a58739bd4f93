/**
 * Recording labelled sessions into a frames topic kept for evaluation: corpus clips (isolated signs,
 * idle clips and sentences, each its own session) and finite synthetic sessions are chunked,
 * encoded and published with the producer's own pipeline ({@code ChunkAssembler},
 * {@code TruthHeaders}, {@code ChunkPublisher}), so a recording looks exactly like live traffic and
 * carries its ground truth in the producer's record headers. {@link dev.signstream.eval.record.Recorder}
 * drives it; {@link dev.signstream.eval.record.RecordingTopic} creates the topic with a long retention.
 */
package dev.signstream.eval.record;
