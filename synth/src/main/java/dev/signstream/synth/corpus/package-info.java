/**
 * The corpus: MP4 clips in the AI Hub-like layout of {@code docs/corpus-format.md}
 * ({@code DIR/<split>/<gloss>/*.mp4}, sentence clips under {@code _sentences}, idle clips under
 * {@code <idle>}), {@code manifest.jsonl} and {@code labels.json}.
 * {@link dev.signstream.synth.corpus.ClipPlanner} decides every clip from the seed (signer,
 * scene, timeline), {@link dev.signstream.synth.corpus.CorpusWriter} renders and encodes them in
 * parallel and writes the manifest. The same spec always gives the same bytes.
 */
package dev.signstream.synth.corpus;
