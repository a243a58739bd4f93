package dev.signstream.inference.bench;

import java.lang.management.ManagementFactory;

/** Heap bytes allocated by Java threads, from HotSpot's per-thread allocation counters. */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** Bytes the calling thread has allocated so far. */
    static long currentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes every live Java thread has allocated so far (for loops that span threads). */
    static long allThreads() {
        return THREADS.getTotalThreadAllocatedBytes();
    }
}
