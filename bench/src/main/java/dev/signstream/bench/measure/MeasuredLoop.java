package dev.signstream.bench.measure;

/**
 * The one measuring loop of the benchmarks (a template): {@link #runFor} runs {@link #call()} on
 * the calling thread until the time is up and says what the calls cost: frames, wall time, heap
 * bytes the thread allocated, the fastest call, CPU time of the thread and of the process. A
 * benchmark only says what one call is.
 */
public abstract class MeasuredLoop implements AutoCloseable {

    /**
     * One call of the loop.
     *
     * @return the frames it handled
     */
    protected abstract long call() throws Exception;

    /** Runs calls for {@code seconds} (at least one call) and measures them. */
    public final Measurement runFor(double seconds) throws Exception {
        long calls = 0;
        long frames = 0;
        long allocatedBefore = Cpu.threadAllocatedBytes();
        long cpuBefore = Cpu.processCpuNanos();
        long threadCpuBefore = Cpu.threadCpuNanos();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        long best = Long.MAX_VALUE;
        do {
            long before = now;
            frames += call();
            calls++;
            now = System.nanoTime();
            best = Math.min(best, now - before);
        } while (now < end);
        return new Measurement(calls, frames, (now - start) / 1e9, Cpu.threadAllocatedBytes() - allocatedBefore,
                best, Cpu.processCpuNanos() - cpuBefore, Cpu.threadCpuNanos() - threadCpuBefore);
    }

    /** Frees what the loop holds (ONNX Runtime sessions, predictors); nothing by default. */
    @Override
    public void close() throws Exception {
    }
}
