/**
 * Accuracy metrics shared by every evaluation (offline over corpus clips, and replay over Kafka):
 * {@link dev.signstream.eval.metrics.ClassificationMetrics} (top-1, top-5, macro-F1, confusion) and
 * {@link dev.signstream.eval.metrics.WordErrorRate} (the edit distance over word sequences of
 * {@link dev.signstream.schemas.words.EditDistance}, the one the sink's lexicon matches by). No I/O, no
 * model: plain accumulators.
 */
package dev.signstream.eval.metrics;
