/**
 * Performances: when each sign happens and where the hands are at any time. A
 * {@link dev.signstream.synth.perform.Performer} turns a sign definition into this signer's
 * version of it (speed, amplitude, imprecision) with the way from rest and back; a
 * {@link dev.signstream.synth.perform.Timeline} holds the placed signs of a clip or a live
 * session and answers the pose and the ground truth at any time; the
 * {@link dev.signstream.synth.perform.Choreographer} lays out isolated signs, idle stretches and
 * sentences with rests or direct transitions between signs.
 */
package dev.signstream.synth.perform;
