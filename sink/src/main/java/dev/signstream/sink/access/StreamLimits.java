package dev.signstream.sink.access;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds on open event streams, per session and in total, so idle clients cannot exhaust the
 * server: past a bound a new stream is refused (503) instead of accepted.
 *
 * @param perSession most streams of one session
 * @param total most streams of the server
 */
public record StreamLimits(int perSession, int total) {

    /** Default per session. */
    public static final int DEFAULT_PER_SESSION = 100;
    /** Default in total. */
    public static final int DEFAULT_TOTAL = 1000;

    public StreamLimits {
        if (total < 1) {
            throw new IllegalArgumentException("max streams must be at least 1, not " + total);
        }
        if (perSession < 1 || perSession > total) {
            throw new IllegalArgumentException("max streams per session must be 1 to max streams (" + total + "), not "
                    + perSession);
        }
    }

    /** {@value #DEFAULT_PER_SESSION} per session, {@value #DEFAULT_TOTAL} in total. */
    public static StreamLimits defaults() {
        return new StreamLimits(DEFAULT_PER_SESSION, DEFAULT_TOTAL);
    }

    /** Counts streams against these limits. */
    public Counter counter() {
        return new Counter(this);
    }

    /** Open streams, per session and in total. */
    public static final class Counter {
        private final StreamLimits limits;
        private final ConcurrentHashMap<String, Integer> perSession = new ConcurrentHashMap<>();
        private int total;

        Counter(StreamLimits limits) {
            this.limits = limits;
        }

        /** A permit for one more stream of the session, or empty when a bound is reached. */
        public synchronized Optional<Runnable> tryAcquire(String sessionId) {
            int session = perSession.getOrDefault(sessionId, 0);
            if (total >= limits.total() || session >= limits.perSession()) {
                return Optional.empty();
            }
            total++;
            perSession.put(sessionId, session + 1);
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                if (released.compareAndSet(false, true)) {
                    release(sessionId);
                }
            });
        }

        private synchronized void release(String sessionId) {
            total--;
            perSession.computeIfPresent(sessionId, (id, n) -> n <= 1 ? null : n - 1);
        }

        /** Open streams now. */
        public synchronized int total() {
            return total;
        }

        /** The limits. */
        public StreamLimits limits() {
            return limits;
        }
    }
}
