package dev.signstream.producer.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;
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
    /** Acknowledgement delay after a chunk's last frame was captured, in 1 ms buckets up to 10 s. */
    private final AtomicLongArray ackDelayMs = new AtomicLongArray(10_001);

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

    /**
     * The broker acknowledged a chunk.
     *
     * @param ackDelayMicros time from the capture of the chunk's last frame to the acknowledgement;
     *                       negative when unknown (an empty last chunk) or meaningless (a file
     *                       read faster than real time), and then not recorded
     */
    public void chunkAcked(int frames, long recordBytes, long ackDelayMicros) {
        chunksAcked.increment();
        framesAcked.add(frames);
        bytesAcked.add(recordBytes);
        if (ackDelayMicros >= 0) {
            ackDelayMs.incrementAndGet((int) Math.min(ackDelayMs.length() - 1, ackDelayMicros / 1000));
        }
    }

    /** Forgets the acknowledgement delays so far (e.g. after a benchmark's warm-up). */
    public void resetAckDelays() {
        for (int i = 0; i < ackDelayMs.length(); i++) {
            ackDelayMs.set(i, 0);
        }
    }

    public Snapshot snapshot() {
        long[] counts = new long[ackDelayMs.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ackDelayMs.get(i);
        }
        return new Snapshot(System.nanoTime(), framesCaptured.sum(), framesDropped.sum(), chunksSent.sum(),
                chunksAcked.sum(), framesAcked.sum(), bytesAcked.sum(), percentile(counts, 0.5),
                percentile(counts, 0.99));
    }

    private static long percentile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (total > 0 && seen >= rank) {
                return i;
            }
        }
        return 0;
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
     * @param ackDelayP50Ms  median time from a chunk's last capture to its acknowledgement, since start
     *                       or {@link #resetAckDelays()} (1 ms buckets up to 10 s; live sources only)
     * @param ackDelayP99Ms  99th percentile of the same
     */
    public record Snapshot(long nanoTime, long framesCaptured, long framesDropped, long chunksSent, long chunksAcked,
                           long framesAcked, long bytesAcked, long ackDelayP50Ms, long ackDelayP99Ms) {

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
