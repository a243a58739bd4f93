/**
 * The sink role: words become sentences ({@code sentence}), sentences become live captions
 * ({@code view}, {@code http}), caption files ({@code format}) and a live HLS subtitle rendition
 * ({@code hls}), with a lexicon of known sentences ({@code lexicon}).
 * {@link dev.signstream.sink.CaptionSink} wires them together for the command line and the demo.
 */
package dev.signstream.sink;
