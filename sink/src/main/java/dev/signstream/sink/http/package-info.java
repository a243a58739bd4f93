/**
 * The caption HTTP server (Javalin): sessions as JSON, live server-sent events, the live HLS
 * subtitle rendition, WebVTT, SubRip and EBU-TT-D files and an overlay page for browsers and OBS
 * browser sources, plus {@code /health} and {@code /metrics}. Everything it serves comes from a
 * {@link dev.signstream.sink.view.CaptionBoard}, which the
 * {@link dev.signstream.sink.view.CaptionView} fills from the sentences topic, and the
 * {@link dev.signstream.sink.hls.SubtitleFeed} that watches it.
 */
package dev.signstream.sink.http;
