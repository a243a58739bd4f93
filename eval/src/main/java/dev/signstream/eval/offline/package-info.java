/**
 * Offline evaluation of a model on a corpus ({@code docs/corpus-format.md}), without Kafka: clips are
 * decoded from their MP4 files and run through the inference runtime exactly as the processor runs
 * live chunks. Isolated sign and idle clips give top-1, top-5 and macro-F1 (logits after a clip's
 * last frame, from a fresh state); sentence clips run through the word decoder and give the word
 * error rate. {@link dev.signstream.eval.offline.OfflineEvaluation} drives it;
 * {@link dev.signstream.eval.offline.EvalReport} is the result and its one-line JSON summary.
 */
package dev.signstream.eval.offline;
