/**
 * The sentences the synthetic signer performs: gloss sequences with their natural Korean text.
 * The same list is the sink's lexicon; it ships as the resource
 * {@code dev/signstream/synth/sentences.json} so non-Java readers can use the file directly.
 */
package dev.signstream.synth.lexicon;
