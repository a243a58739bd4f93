package dev.signstream.sink.hls;

/**
 * A published WebVTT segment: immutable once made.
 *
 * @param sequence its media sequence number (0 = the session's first segment)
 * @param startUs capture time (epoch micros) the segment's window starts
 * @param durationUs the window's length
 * @param vtt the segment's WebVTT text
 */
public record SubtitleSegment(long sequence, long startUs, long durationUs, String vtt) {
}
