/**
 * Scores what a recognizer emitted for labelled sessions, the same way whichever path produced the
 * words (a replay through the Kafka processor, or the inference runtime offline): isolated-sign and
 * idle sessions give top-1, top-5, macro-F1 and a confusion matrix from the emitted words
 * ({@link dev.signstream.eval.scoring.WordScorer} defines how zero or several words count), sentence
 * and other multi-sign sessions give the word error rate, and exactly recognised sessions give the
 * event-time delay from each sign's last frame to the frame at which its word was decided.
 */
package dev.signstream.eval.scoring;
