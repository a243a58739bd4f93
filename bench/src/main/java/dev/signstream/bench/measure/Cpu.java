package dev.signstream.bench.measure;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * CPU time and heap allocation as the JVM counts them (HotSpot's per-thread counters), the load
 * average of the machine, and the CPU time of another process (the embedded registry's JVM).
 */
public final class Cpu {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Cpu() {
    }

    /** CPU time of the whole process so far, all threads, in nanoseconds. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** CPU time of the calling thread so far, in nanoseconds. */
    public static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Bytes the calling thread has allocated so far. */
    public static long threadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes every live Java thread has allocated so far (for loops that span threads). */
    public static long allThreadsAllocatedBytes() {
        return THREADS.getTotalThreadAllocatedBytes();
    }

    /** CPU time of another process so far, if the OS tells (Linux does for our own children). */
    public static Optional<Long> processCpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos());
    }

    /** The one-minute load average (-1 where the OS does not say). */
    public static double loadAverage() {
        return OS.getSystemLoadAverage();
    }

    /** Cores this JVM may use. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
