/**
 * Synthetic cameras for the producer, load tests and replay evaluation. A
 * {@link dev.signstream.synth.live.SyntheticSession} is one camera: a signer following a
 * {@link dev.signstream.synth.live.SessionScript} of sentences, rendering frame after frame with
 * synthetic capture timestamps and the ground truth of each frame
 * ({@link dev.signstream.synth.live.FrameTruth}). Pull frames as fast as you like (tests, replay),
 * or let {@link dev.signstream.synth.live.LiveCameras} pace many sessions in real time.
 */
package dev.signstream.synth.live;
