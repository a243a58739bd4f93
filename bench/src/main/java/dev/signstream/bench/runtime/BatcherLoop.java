package dev.signstream.bench.runtime;

import dev.signstream.bench.measure.Cpu;
import dev.signstream.bench.measure.Measurement;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.StreamBatcher;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's shape: {@code threads} callers, each stepping its own session synchronously
 * through one shared {@link StreamBatcher} (max batch = threads).
 */
final class BatcherLoop {

    private final StreamModel model;
    private final int threads;
    private final FrameBlock frames;
    private final Duration maxWait;

    BatcherLoop(StreamModel model, int threads, FrameBlock frames, Duration maxWait) {
        this.model = model;
        this.threads = threads;
        this.frames = frames;
        this.maxWait = maxWait;
    }

    /** Steps measured over {@code seconds}, plus the mean batch size the batcher formed. */
    record Result(Measurement measurement, double meanBatch) {
    }

    Result runFor(double seconds) throws InterruptedException {
        BatcherSettings settings = BatcherSettings.of(threads).withMaxWait(maxWait);
        AtomicLong steps = new AtomicLong();
        try (StreamBatcher batcher = StreamBatcher.start(model, settings)) {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] deadline = new long[1];
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread caller = new Thread(() -> {
                    SessionState state = model.stateCodec().newState();
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    while (System.nanoTime() < deadline[0]) {
                        batcher.step(state, frames);
                        steps.incrementAndGet();
                    }
                }, "bench-caller-" + i);
                callers.add(caller);
                caller.start();
            }
            ready.await();
            long callsBefore = batcher.calls();
            long stepsBefore = batcher.steps();
            long allocatedBefore = Cpu.allThreadsAllocatedBytes();
            long cpuBefore = Cpu.processCpuNanos();
            long start = System.nanoTime();
            deadline[0] = start + (long) (seconds * 1e9);
            go.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            long elapsed = System.nanoTime() - start;
            long allocated = Cpu.allThreadsAllocatedBytes() - allocatedBefore;
            long cpu = Cpu.processCpuNanos() - cpuBefore;
            long calls = batcher.calls() - callsBefore;
            long batched = batcher.steps() - stepsBefore;
            Measurement m = new Measurement(calls, steps.get() * frames.count(), elapsed / 1e9, allocated, Long.MAX_VALUE, cpu, 0);
            return new Result(m, (double) batched / calls);
        }
    }
}
