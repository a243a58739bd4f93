package dev.signstream.producer.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between a session's capture thread and its publisher thread.
 *
 * <p>When full, a live source drops the <em>oldest</em> queued frames ({@link WhenFull#DROP_OLDEST}):
 * live video must not fall ever further behind when Kafka or the encoder cannot keep up, and the
 * newest frames are the ones worth showing the model. A file source waits instead
 * ({@link WhenFull#BLOCK}), so nothing of a file is lost. Drops are counted; the consumer learns
 * how many frames were dropped right before each frame it takes. One producer thread, one
 * consumer thread.
 */
public final class FrameQueue {

    /** What {@link #put} does when the queue is full. */
    public enum WhenFull {
        /** Discard the oldest queued frame, count it, and queue the new one (live sources). */
        DROP_OLDEST,
        /** Wait until the consumer makes room (files). */
        BLOCK
    }

    private final int capacity;
    private final WhenFull whenFull;
    private final ArrayDeque<EncodedFrame> frames;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private boolean finished;
    private boolean abandoned;
    private long dropped;
    private long droppedSinceTake;
    private long droppedBeforeLastTake;

    public FrameQueue(int capacity, WhenFull whenFull) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.whenFull = whenFull;
        this.frames = new ArrayDeque<>(capacity);
    }

    /**
     * Queues a frame; drops the oldest or waits when full, as configured.
     *
     * @return the number of frames dropped to make room (0 or 1)
     * @throws IllegalStateException after {@link #finish()}
     */
    public int put(EncodedFrame frame) throws InterruptedException {
        lock.lock();
        try {
            if (finished) {
                throw new IllegalStateException("frame queue is finished");
            }
            int droppedNow = 0;
            while (frames.size() >= capacity && !abandoned) {
                if (whenFull == WhenFull.DROP_OLDEST) {
                    frames.removeFirst();
                    dropped++;
                    droppedSinceTake++;
                    droppedNow++;
                } else {
                    notFull.await();
                }
            }
            if (abandoned) {
                return droppedNow; // the producer already failed loudly; nobody will take this frame
            }
            frames.addLast(frame);
            notEmpty.signal();
            return droppedNow;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames will come; {@link #take} returns null once the queue is drained. */
    public void finish() {
        lock.lock();
        try {
            finished = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The consumer failed and stops taking frames: a waiting {@link #put} returns at once and
     * later frames are not queued. Only for after a fatal, reported failure.
     */
    public void abandon() {
        lock.lock();
        try {
            abandoned = true;
            frames.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next frame, waiting for one; null when finished and drained. */
    public EncodedFrame take() throws InterruptedException {
        lock.lock();
        try {
            while (frames.isEmpty() && !finished) {
                notEmpty.await();
            }
            droppedBeforeLastTake = droppedSinceTake;
            droppedSinceTake = 0;
            EncodedFrame frame = frames.pollFirst();
            notFull.signal();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frames dropped between the frame taken before the last {@link #take} and the one it
     * returned (for the end of the stream: dropped after the last frame). Consumer thread only.
     */
    public long droppedBeforeLastTake() {
        return droppedBeforeLastTake;
    }

    /** All frames dropped so far. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }
}
