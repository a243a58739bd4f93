/**
 * What a sign is: hand shapes ({@link dev.signstream.synth.sign.HandShape}), keyframed hand
 * tracks ({@link dev.signstream.synth.sign.HandTrack}), sign definitions and the fixed
 * {@link dev.signstream.synth.sign.Vocabulary}.
 *
 * <p>Coordinates are body units in the signer's own frame: the origin is between the shoulders,
 * y grows downwards, and x grows towards the signer's dominant side, so a left-handed signer is
 * the same motion mirrored at drawing time. One unit is about a third of a head's height. A hand's
 * angle is the direction its fingers point: 0 up, +pi/2 towards the dominant side, pi down.
 */
package dev.signstream.synth.sign;
