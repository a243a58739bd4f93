package dev.signstream.eval.replay;

import dev.signstream.eval.scoring.SessionTruth;
import java.util.Optional;

/**
 * One session as the replayed range holds it.
 *
 * @param sessionId      the session (record key)
 * @param partition      its partition
 * @param chunks         chunks in the range
 * @param frames         frames in those chunks
 * @param videoSeconds   video in the range: first to last capture time plus one frame interval
 * @param width          frame width of its chunks
 * @param height         frame height of its chunks
 * @param droppedFrames  frames its producer dropped (from the producer's header)
 * @param truth          its ground truth, or empty for a session without truth headers
 * @param exclusion      why the session is not scored, or empty when it is (an unlabelled session
 *                       is processed and counted, but has nothing to be scored against)
 */
public record SessionRecord(String sessionId, int partition, long chunks, long frames, double videoSeconds, int width,
                            int height, long droppedFrames, Optional<SessionTruth> truth, Optional<String> exclusion) {

    /** True when the session counts in the accuracy figures. */
    public boolean scored() {
        return truth.isPresent() && exclusion.isEmpty();
    }
}
