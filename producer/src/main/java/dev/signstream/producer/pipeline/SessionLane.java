package dev.signstream.producer.pipeline;

import dev.signstream.media.RgbFrame;
import dev.signstream.synth.live.FrameTruth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input side of one session's pipeline: encodes each captured frame, queues it for the
 * session's {@link SessionPublisher} and counts it (and any frames the queue dropped). The source
 * thread that feeds a lane also calls {@link #finish()} when the session ends.
 */
public final class SessionLane {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLane.class);
    /** At most one drop warning per session in this time. */
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final String sessionId;
    private final FrameEncoder encoder;
    private final FrameQueue queue;
    private final ProducerStats stats;
    private volatile boolean finished;
    private long lastWarnNanos;
    private long droppedAtLastWarn;

    public SessionLane(String sessionId, FrameEncoder encoder, FrameQueue queue, ProducerStats stats) {
        this.sessionId = sessionId;
        this.encoder = encoder;
        this.queue = queue;
        this.stats = stats;
    }

    public String sessionId() {
        return sessionId;
    }

    /**
     * Encodes and queues a decoded frame (waits or drops the oldest when the queue is full).
     *
     * @param endsSession the session's final frame: its chunk goes out at once with {@code last =
     *                    true} and the lane finishes, so the last chunk carries frames
     */
    public void offer(RgbFrame frame, long captureMicros, FrameTruth truth, boolean endsSession)
            throws InterruptedException {
        queued(queue.put(new EncodedFrame(encoder.encode(frame), captureMicros, truth, endsSession)), endsSession);
    }

    /** Encodes and queues a bare RGB24 buffer of the session's size; see {@link #offer(RgbFrame, long, FrameTruth, boolean)}. */
    public void offer(byte[] rgb, long captureMicros, FrameTruth truth, boolean endsSession)
            throws InterruptedException {
        queued(queue.put(new EncodedFrame(encoder.encode(rgb), captureMicros, truth, endsSession)), endsSession);
    }

    private void queued(int dropped, boolean endsSession) {
        stats.frameCaptured();
        if (dropped > 0) {
            stats.framesDropped(dropped);
            warnAboutDrops();
        }
        if (endsSession) {
            finish();
        }
    }

    private void warnAboutDrops() {
        long now = System.nanoTime();
        if (droppedAtLastWarn > 0 && now - lastWarnNanos < WARN_EVERY_NANOS) {
            return;
        }
        long total = queue.dropped();
        LOG.warn("session {}: frames queue up faster than Kafka takes them; dropped the {} oldest since the last warning "
                + "({} in all)", sessionId, total - droppedAtLastWarn, total);
        lastWarnNanos = now;
        droppedAtLastWarn = total;
    }

    /** True once the lane has finished (final frame offered, or {@link #finish()} called). */
    public boolean finished() {
        return finished;
    }

    /**
     * No more frames: the publisher sends what is queued and the {@code last} chunk (an empty
     * one if no frames remain and none was offered as final). Idempotent; called by the thread
     * that feeds the lane, or after that thread has stopped.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        queue.finish();
        encoder.close();
    }
}
