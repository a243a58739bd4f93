package dev.signstream.inference.decoder;

/** One of a word's top-k classes: class id, gloss and softmax probability. */
public record Alternative(int labelId, String gloss, float score) {
}
