/**
 * The sink's caption outputs read by independent tools: Debian's ffmpeg reads an ended session's
 * HLS subtitle playlist, the {@code srt} library reads the SubRip file and ttconv's IMSC reader
 * the EBU-TT-D document.
 */
package dev.signstream.sink.interop;
