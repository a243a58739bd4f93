package dev.signstream.producer.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one producer process, updated from capture, publisher and Kafka callback threads.
 * Thread-safe.
 */
public final class ProducerStats {

    private final LongAdder framesCaptured = new LongAdder();
    private final LongAdder framesDropped = new LongAdder();
    private final LongAdder chunksSent = new LongAdder();
    private final LongAdder chunksAcked = new LongAdder();
    private final LongAdder framesAcked = new LongAdder();
    private final LongAdder bytesAcked = new LongAdder();

    /** A sampled, encoded frame entered a session's queue. */
    public void frameCaptured() {
        framesCaptured.increment();
    }

    /** Frames were dropped because a live session's queue was full. */
    public void framesDropped(long count) {
        framesDropped.add(count);
    }

    /** A chunk was handed to the Kafka producer. */
    public void chunkSent() {
        chunksSent.increment();
    }

    /** The broker acknowledged a chunk. */
    public void chunkAcked(int frames, long recordBytes) {
        chunksAcked.increment();
        framesAcked.add(frames);
        bytesAcked.add(recordBytes);
    }

    public Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), framesCaptured.sum(), framesDropped.sum(), chunksSent.sum(),
                chunksAcked.sum(), framesAcked.sum(), bytesAcked.sum());
    }

    /**
     * Counters at one moment.
     *
     * @param nanoTime       when ({@link System#nanoTime()})
     * @param framesCaptured sampled frames that entered a queue
     * @param framesDropped  frames dropped because a live queue was full
     * @param chunksSent     chunks handed to the Kafka producer
     * @param chunksAcked    chunks the broker acknowledged
     * @param framesAcked    frames in acknowledged chunks
     * @param bytesAcked     serialized value bytes of acknowledged chunks
     */
    public record Snapshot(long nanoTime, long framesCaptured, long framesDropped, long chunksSent, long chunksAcked,
                           long framesAcked, long bytesAcked) {

        /** Acknowledged frames per second between an earlier snapshot and this one. */
        public double framesPerSecondSince(Snapshot earlier) {
            double seconds = (nanoTime - earlier.nanoTime) / 1e9;
            return seconds <= 0 ? 0 : (framesAcked - earlier.framesAcked) / seconds;
        }

        /** Acknowledged value bytes per second since an earlier snapshot. */
        public double bytesPerSecondSince(Snapshot earlier) {
            double seconds = (nanoTime - earlier.nanoTime) / 1e9;
            return seconds <= 0 ? 0 : (bytesAcked - earlier.bytesAcked) / seconds;
        }
    }
}
