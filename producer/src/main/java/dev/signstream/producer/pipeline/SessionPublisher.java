package dev.signstream.producer.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's publisher thread: takes frames from the session's queue, groups them into chunks
 * and sends them, until the queue is finished; then sends the {@code last} chunk. A failure is
 * recorded in the {@link FailureLatch} and ends the thread.
 */
public final class SessionPublisher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPublisher.class);

    private final String sessionId;
    private final FrameQueue queue;
    private final ChunkAssembler assembler;
    private final ChunkSink sink;
    private final FailureLatch failures;
    private final ProducerStats stats;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong chunksSent = new AtomicLong();
    private volatile boolean lastSent;

    public SessionPublisher(String sessionId, FrameQueue queue, ChunkAssembler assembler, ChunkSink sink,
                            FailureLatch failures, ProducerStats stats) {
        this.sessionId = sessionId;
        this.queue = queue;
        this.assembler = assembler;
        this.sink = sink;
        this.failures = failures;
        this.stats = stats;
    }

    @Override
    public void run() {
        try {
            EncodedFrame frame;
            while ((frame = queue.take()) != null) {
                boolean full = assembler.add(frame, queue.droppedBeforeLastTake());
                if (frame.endsSession()) {
                    break;
                }
                if (full) {
                    send(assembler.flush(false, 0));
                }
            }
            // with the final frame in hand the last chunk carries frames; else it may be empty
            send(assembler.flush(true, frame == null ? queue.droppedBeforeLastTake() : 0));
            lastSent = true;
            LOG.debug("session {}: last chunk sent after {} frames in {} chunks", sessionId, framesSent, chunksSent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(new IllegalStateException("publisher of session " + sessionId
                    + " was interrupted before its last chunk", e));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Reports the failure and releases the capture side, which may be waiting for room. */
    private void failed(RuntimeException error) {
        failures.fail(error);
        queue.abandon();
    }

    private void send(List<OutgoingChunk> chunks) throws InterruptedException {
        for (OutgoingChunk chunk : chunks) {
            sink.send(chunk);
            stats.chunkSent();
            chunksSent.incrementAndGet();
            framesSent.addAndGet(chunk.value().getFrames().size());
        }
    }

    public String sessionId() {
        return sessionId;
    }

    /** Frames handed to the sink so far. */
    public long framesSent() {
        return framesSent.get();
    }

    public long chunksSent() {
        return chunksSent.get();
    }

    /** Frames this session's queue dropped. */
    public long framesDropped() {
        return queue.dropped();
    }

    /** True once the {@code last} chunk was handed to the sink. */
    public boolean lastSent() {
        return lastSent;
    }
}
