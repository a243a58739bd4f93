/**
 * Who signs and how the clip looks. A {@link dev.signstream.synth.signer.SignerIdentity} (an id
 * and a seed from a pool that never overlaps another split's) gives a
 * {@link dev.signstream.synth.signer.SignerProfile}: body proportions, colours, handedness, speed
 * and amplitude. Each clip then draws a {@link dev.signstream.synth.signer.SceneVariation}:
 * background, distractor, lighting, noise, camera jitter, framing and codec quality.
 */
package dev.signstream.synth.signer;
