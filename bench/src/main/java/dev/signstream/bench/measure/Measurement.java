package dev.signstream.bench.measure;

/**
 * Calls, frames, elapsed time, heap bytes allocated and the fastest single call of one measured loop
 * (or several added up).
 */
public record Measurement(long calls, long frames, double seconds, long allocatedBytes, long bestCallNanos,
        long cpuNanos, long threadCpuNanos) {

    public static final Measurement NONE = new Measurement(0, 0, 0, 0, Long.MAX_VALUE, 0, 0);

    public Measurement plus(Measurement other) {
        return new Measurement(calls + other.calls, frames + other.frames, seconds + other.seconds,
                allocatedBytes + other.allocatedBytes, Math.min(bestCallNanos, other.bestCallNanos),
                cpuNanos + other.cpuNanos, threadCpuNanos + other.threadCpuNanos);
    }

    /**
     * Frames per CPU-second of the calling thread alone. With one ONNX Runtime thread the model runs
     * on the calling thread, so this is the whole per-frame cost minus GC and JIT, and it does not
     * count time the thread waited for a core: the steadiest comparison on a busy machine.
     */
    public double framesPerThreadCpuSecond() {
        return frames / (threadCpuNanos / 1e9);
    }

    /**
     * Frames per CPU-second of the whole process (ONNX Runtime's threads, GC and JIT included): the
     * cost per frame, which other programs on a shared machine disturb far less than wall time.
     */
    public double framesPerCpuSecond() {
        return frames / (cpuNanos / 1e9);
    }

    /** The fastest call in milliseconds: the cost with the least interference from other work. */
    public double bestCallMillis() {
        return bestCallNanos / 1e6;
    }

    public double framesPerSecond() {
        return frames / seconds;
    }

    public double millisPerCall() {
        return 1000 * seconds / calls;
    }

    public double bytesPerCall() {
        return (double) allocatedBytes / calls;
    }
}
