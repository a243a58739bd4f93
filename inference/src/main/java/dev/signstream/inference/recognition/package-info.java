/**
 * One call per chunk for the processor and the offline evaluation:
 * {@link dev.signstream.inference.recognition.Recognizer} skips duplicate chunks, counts gaps, runs
 * the model step, feeds the word decoder and resets the model state when the decoder says so.
 */
package dev.signstream.inference.recognition;
