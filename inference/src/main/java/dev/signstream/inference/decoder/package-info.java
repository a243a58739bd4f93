/**
 * The word decoder: turns the per-chunk logits of a MoViNet stream model into words. A sign is
 * emitted when the same non-idle class is confident for a few chunks in a row; the model state is
 * then reset so the next sign starts clean, and long stretches of rest reset it too, so long
 * sessions never dilute the cumulative pools. All times are the frames' capture times (event time).
 * Thresholds come from the manifest's {@code decoder} object ({@link dev.signstream.inference.decoder.DecoderConfig}).
 */
package dev.signstream.inference.decoder;
