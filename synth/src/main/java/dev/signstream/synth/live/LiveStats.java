package dev.signstream.synth.live;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How well live cameras keep their schedule: frames rendered, how late each frame started against
 * its due time (a histogram in milliseconds), render time, and failures. Thread-safe.
 */
public final class LiveStats {

    private static final int BUCKETS = 2001;

    private final long periodNanos;
    private final AtomicLongArray latenessMs = new AtomicLongArray(BUCKETS);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong lateFrames = new AtomicLong();
    private final AtomicLong maxLatenessNanos = new AtomicLong();
    private final AtomicLong renderNanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    LiveStats(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    void record(long latenessNanos, long workNanos) {
        frames.incrementAndGet();
        renderNanos.addAndGet(workNanos);
        long late = Math.max(0, latenessNanos);
        if (late > periodNanos) {
            lateFrames.incrementAndGet();
        }
        maxLatenessNanos.accumulateAndGet(late, Math::max);
        latenessMs.incrementAndGet((int) Math.min(BUCKETS - 1, late / 1_000_000));
    }

    void failure(Throwable error) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, error);
    }

    /** Starts counting afresh (e.g. after a warm-up). */
    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            latenessMs.set(i, 0);
        }
        frames.set(0);
        lateFrames.set(0);
        maxLatenessNanos.set(0);
        renderNanos.set(0);
    }

    /** The first error a session died of, or null. */
    public Throwable firstFailure() {
        return firstFailure.get();
    }

    public Snapshot snapshot() {
        long n = frames.get();
        return new Snapshot(n, lateFrames.get(), percentileMs(0.5), percentileMs(0.99),
                maxLatenessNanos.get() / 1e6, n == 0 ? 0 : renderNanos.get() / 1e6 / n, failures.get());
    }

    private double percentileMs(double q) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += latenessMs.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += latenessMs.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return BUCKETS - 1;
    }

    /**
     * Counters at one moment.
     *
     * @param frames        frames rendered and handed to the listener
     * @param lateFrames    frames that started more than one frame period after their due time
     * @param p50LatenessMs median start delay (1 ms buckets)
     * @param p99LatenessMs 99th percentile start delay (1 ms buckets)
     * @param maxLatenessMs largest start delay
     * @param meanWorkMs    mean time to render a frame and run the listener
     * @param failures      sessions that died of an error
     */
    public record Snapshot(long frames, long lateFrames, double p50LatenessMs, double p99LatenessMs,
                           double maxLatenessMs, double meanWorkMs, long failures) {
    }
}
