/**
 * Replay evaluation of a stored frames topic: the chunks in a range of the topic are run through
 * the processor's own topology under a fresh application id with isolated output topics (live
 * processing and {@code signstream.words} are never touched), the words are collected and scored
 * against the ground truth in the chunks' headers, per model. {@link
 * dev.signstream.eval.replay.ReplayEvaluation} drives it; {@link
 * dev.signstream.eval.replay.TopicScanner} reads the truth; {@link
 * dev.signstream.eval.replay.ModelReplay} runs one model.
 */
package dev.signstream.eval.replay;
