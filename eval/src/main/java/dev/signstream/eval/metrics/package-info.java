/**
 * Accuracy metrics shared by every evaluation (offline over corpus clips, and replay over Kafka):
 * {@link dev.signstream.eval.metrics.ClassificationMetrics} (top-1, top-5, macro-F1, confusion) and
 * {@link dev.signstream.eval.metrics.WordErrorRate} (edit distance over word sequences). No I/O, no
 * model: plain accumulators.
 */
package dev.signstream.eval.metrics;
