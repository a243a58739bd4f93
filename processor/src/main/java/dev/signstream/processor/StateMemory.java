package dev.signstream.processor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte budget for decoded session states, shared by every task of one processor instance.
 * A task reserves a session's bytes before it keeps the session decoded and releases them when it
 * drops it; a reservation beyond the budget is refused (the session then lives in the store only).
 */
final class StateMemory {

    private final long budget;
    private final AtomicLong used = new AtomicLong();

    StateMemory(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0 bytes, not " + budget);
        }
        this.budget = budget;
    }

    /** Reserves {@code bytes} if they fit in the budget. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > budget) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    long used() {
        return used.get();
    }

    long budget() {
        return budget;
    }
}
