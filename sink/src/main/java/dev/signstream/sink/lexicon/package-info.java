/**
 * The sentence lexicon: known gloss sequences with their natural Korean text. A recognised word
 * sequence close enough to a known one (gloss-level edit distance under a threshold) is shown as
 * that sentence's text; otherwise the glosses are joined.
 */
package dev.signstream.sink.lexicon;
