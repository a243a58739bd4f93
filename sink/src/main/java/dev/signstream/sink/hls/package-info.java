/**
 * The live HLS subtitle rendition: per session, a sliding-window media playlist of WebVTT
 * segments ({@code /sessions/{id}/subtitles.m3u8}, {@code subtitles/N.vtt}) with an
 * {@code X-TIMESTAMP-MAP} in each segment, built from final sentences only, each segment
 * published once and never changed, and ended ({@code EXT-X-ENDLIST}) by the session's end
 * marker. {@link dev.signstream.sink.hls.SessionSubtitles} says which cue goes where and when a
 * segment is published.
 */
package dev.signstream.sink.hls;
