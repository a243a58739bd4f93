/**
 * The synthetic signer: a rendered, KSL-like signing figure with exact ground truth.
 *
 * <ul>
 *   <li>{@code sign}: hand shapes, keyframed hand tracks and the vocabulary of signs</li>
 *   <li>{@code lexicon}: the sentences (gloss sequences with natural Korean text)</li>
 *   <li>{@code signer}: signer identities and everything that varies between signers and clips</li>
 *   <li>{@code perform}: timelines of signs, rests and transitions, and the pose at any time</li>
 *   <li>{@code render}: Java2D drawing of a pose into packed RGB24 frames</li>
 *   <li>{@code corpus}: the AI Hub-like corpus of MP4 clips with a manifest</li>
 *   <li>{@code live}: synthetic cameras for the producer, paced in real time or as fast as possible</li>
 * </ul>
 */
package dev.signstream.synth;
