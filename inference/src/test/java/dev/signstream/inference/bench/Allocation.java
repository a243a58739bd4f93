package dev.signstream.inference.bench;

import java.lang.management.ManagementFactory;

/** Heap bytes allocated by Java threads (HotSpot's per-thread counters) and the process's CPU time. */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU time of the whole process so far, all threads, in nanoseconds. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** CPU time of the calling thread so far, in nanoseconds. */
    static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
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
