/**
 * The caption HTTP server (Javalin): sessions as JSON, live server-sent events, WebVTT files and
 * an overlay page for browsers and OBS browser sources, plus {@code /health} and {@code /metrics}.
 * Everything it serves comes from a {@link dev.signstream.sink.view.CaptionBoard}, which the
 * {@link dev.signstream.sink.view.CaptionView} fills from the sentences topic.
 */
package dev.signstream.sink.http;
