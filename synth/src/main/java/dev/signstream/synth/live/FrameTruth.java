package dev.signstream.synth.live;

/**
 * The ground truth of one frame of a synthetic session, meant for record headers.
 *
 * @param sessionId        the session
 * @param frame            frame index in the session (0, 1, 2, ...)
 * @param captureMicros    synthetic capture time, epoch microseconds: start + frame / fps
 * @param label            gloss being signed, or {@code <idle>} when the hands are at rest
 * @param labelId          class id of {@code label} in {@code labels.json} (0 for idle)
 * @param wordIndex        index of the sign in the session (0, 1, ...), or -1 when idle
 * @param signStartFrame   first frame of that sign, or -1
 * @param signEndFrame     frame after its last one (exclusive), or -1
 * @param sentenceId       id of the sentence this frame belongs to (from its first sign's start
 *                         to its last sign's end, rests between signs included), or null
 * @param sentenceIndex    index of that sentence in the session (0, 1, ...), or -1
 * @param sentenceText     its natural Korean text, or null
 * @param last             true for the final frame of a finite script
 */
public record FrameTruth(String sessionId, long frame, long captureMicros, String label, int labelId,
                         long wordIndex, long signStartFrame, long signEndFrame, String sentenceId,
                         int sentenceIndex, String sentenceText, boolean last) {

    public boolean idle() {
        return wordIndex < 0;
    }
}
