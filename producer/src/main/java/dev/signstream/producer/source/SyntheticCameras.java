package dev.signstream.producer.source;

import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.SessionLane;
import dev.signstream.synth.live.FrameTruth;
import dev.signstream.synth.live.LiveCameras;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import java.util.List;
import java.util.Map;

/**
 * The synthetic signer's live sessions as producer sources: {@link LiveCameras} renders every
 * session in real time on a small thread pool and each frame goes, with its ground truth, into
 * its session's lane (encoded on the camera thread, queued drop-oldest like any live camera).
 * A finite script's last frame ends its session. On {@link #close()} every other session renders
 * one more frame as its final one, so its last chunk carries frames.
 */
public final class SyntheticCameras implements AutoCloseable {

    /** How long {@link #close()} waits for the sessions' final frames. */
    private static final long FINAL_FRAME_WAIT_NANOS = 2_000_000_000L;

    private final Map<String, SessionLane> lanes;
    private final LiveCameras cameras;
    private volatile boolean stopping;

    private SyntheticCameras(List<SessionSpec> specs, Map<String, SessionLane> lanes, int threads,
                             FailureLatch failures) {
        this.lanes = Map.copyOf(lanes);
        for (SessionSpec spec : specs) {
            if (!lanes.containsKey(spec.sessionId())) {
                throw new IllegalArgumentException("no lane for synthetic session " + spec.sessionId());
            }
        }
        this.cameras = LiveCameras.start(specs, threads, (session, rgb, truth) -> onFrame(session, rgb, truth, failures));
    }

    /** Starts rendering; frame 0 of each session is due at its spec's start time. */
    public static SyntheticCameras start(List<SessionSpec> specs, Map<String, SessionLane> lanes, int threads,
                                         FailureLatch failures) {
        return new SyntheticCameras(specs, lanes, threads, failures);
    }

    private void onFrame(SyntheticSession session, byte[] rgb, FrameTruth truth, FailureLatch failures)
            throws InterruptedException {
        SessionLane lane = lanes.get(session.sessionId());
        if (lane.finished()) {
            return;
        }
        try {
            lane.offer(rgb, truth.captureMicros(), truth, truth.last() || stopping);
        } catch (RuntimeException e) {
            failures.fail(e);
            throw e;
        }
    }

    /** How well the cameras keep their schedule (render lateness, render time). */
    public LiveCameras cameras() {
        return cameras;
    }

    /**
     * Lets every running session render one final frame (waiting at most two seconds), stops
     * rendering and finishes every lane, so each session sends its {@code last} chunk.
     */
    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + FINAL_FRAME_WAIT_NANOS;
        try {
            while (System.nanoTime() < deadline && !lanes.values().stream().allMatch(SessionLane::finished)) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                cameras.close();
            } finally {
                lanes.values().forEach(SessionLane::finish);
            }
        }
    }
}
