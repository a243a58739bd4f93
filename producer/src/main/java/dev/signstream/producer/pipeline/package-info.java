/**
 * From captured frames to chunks: per-session encoding and a bounded queue (drop-oldest for live
 * sources, blocking for files), chunk assembly with contiguous {@code seq}, size budgets and
 * ground-truth headers, and the per-session publisher thread.
 */
package dev.signstream.producer.pipeline;
