package dev.signstream.sink.lexicon;

/**
 * A lexicon sentence close to a word sequence.
 *
 * @param entry the sentence
 * @param distance gloss-level edit distance between the words and the sentence's glosses
 */
public record LexiconMatch(LexiconEntry entry, int distance) {
}
