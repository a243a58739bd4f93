/**
 * Who may see which captions, kept apart from the caption routes so that every endpoint, present or
 * future, is protected the same way: signed, expiring tokens ({@link dev.signstream.sink.access.CaptionTokens}),
 * the rule that maps a request to what it needs ({@link dev.signstream.sink.access.AccessPolicy}: a
 * session's paths need that session's token, everything else not declared open an operator token),
 * the filter that enforces it ({@link dev.signstream.sink.access.AccessFilter}), and the bounds on
 * event streams ({@link dev.signstream.sink.access.StreamLimits}). {@link dev.signstream.sink.access.HttpAccess}
 * bundles them with CORS and HTTPS for the caption server.
 */
package dev.signstream.sink.access;
