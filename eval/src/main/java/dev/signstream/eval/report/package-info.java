/**
 * Reports of a replay evaluation: {@code report.json} (every figure and every session),
 * {@code report.html} (a page a person reads, with the confusion matrix and latency chart as PNG
 * images next to it) and the one-line JSON summary printed last by {@code signstream eval}.
 * {@link dev.signstream.eval.report.ReportWriter} writes them all.
 */
package dev.signstream.eval.report;
