/**
 * How far apart two word sequences are. A word is a gloss as {@code WordEvent}s and
 * {@code Sentence}s carry it; the sink's lexicon matches a caption to a known sentence by this
 * distance, and the evaluation's word error rate is it summed over sentences, so both roles and
 * every test that scores recognised words count the same edits:
 * {@link dev.signstream.schemas.words.EditDistance} (the count and one minimal alignment's
 * {@link dev.signstream.schemas.words.Edit}s).
 */
package dev.signstream.schemas.words;
