/**
 * Caption formats of final sentences: the {@link dev.signstream.sink.format.CueLayout} applies the
 * readability rules (line length, two lines a cue, reading speed) once, and WebVTT, SubRip (SRT)
 * and EBU-TT-D (TTML) write the same cues. The live HLS rendition
 * ({@link dev.signstream.sink.hls}) uses the same layout one sentence at a time.
 */
package dev.signstream.sink.format;
