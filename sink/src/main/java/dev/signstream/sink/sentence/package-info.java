/**
 * Words to sentences: the sink's Kafka Streams topology.
 *
 * <p>Per session (the record key), words join an open sentence; every word emits a partial
 * sentence ({@code final=false}) and each sentence is closed exactly once by a final one. What
 * closes a sentence, in order of preference:
 * <ol>
 *   <li><b>a later word</b> of the same session that starts more than the gap after the sentence's
 *       last word (event time: the capture timestamps in the word events);</li>
 *   <li><b>SESSION_END</b> of the session;</li>
 *   <li><b>stream time</b> (the largest word event time seen by the task, so driven by the other
 *       sessions of the partition) passing the sentence's end + gap + grace. The grace absorbs
 *       skew between sessions' clocks and arrival order;</li>
 *   <li><b>wall clock</b> as the last resort: no word for the idle timeout (wall time measured
 *       from when the sink last saw a word of the session, never from before a restart), for a
 *       live session whose camera stopped on a partition where nothing else moves.</li>
 * </ol>
 * The first two depend only on the session's own words, so a replay at any speed builds the same
 * sentences; the third depends on the partition's order and is identical when the words topic is
 * replayed; the fourth can only split a sentence when words stall for longer than the idle timeout.
 * Sentence contents and timestamps are event times in every case. When a session ends, one end
 * marker (null value, header {@code signstream.session-end}) follows its last final sentence.
 */
package dev.signstream.sink.sentence;
