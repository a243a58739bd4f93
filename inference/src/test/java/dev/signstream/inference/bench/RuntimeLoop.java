package dev.signstream.inference.bench;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;

/** The runtime's own path: {@link StreamPredictor#step} on B sessions per call, state copied in and out. */
final class RuntimeLoop implements MeasuredLoop {

    private final StreamPredictor predictor;
    private final SessionState[] states;
    private final FrameBlock[] blocks;
    private final float[][] logits;
    private final int batch;

    RuntimeLoop(StreamModel model, int batch, FrameBlock frames) {
        this.batch = batch;
        this.predictor = model.newPredictor();
        this.states = new SessionState[batch];
        this.blocks = new FrameBlock[batch];
        this.logits = new float[batch][model.manifest().classes()];
        for (int i = 0; i < batch; i++) {
            states[i] = model.stateCodec().newState();
            blocks[i] = frames;
        }
    }

    @Override
    public Measurement runFor(double seconds) {
        long calls = 0;
        long allocatedBefore = Allocation.currentThread();
        long cpuBefore = Allocation.processCpuNanos();
        long threadCpuBefore = Allocation.threadCpuNanos();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        long best = Long.MAX_VALUE;
        do {
            long before = now;
            predictor.step(states, blocks, batch, logits);
            calls++;
            now = System.nanoTime();
            best = Math.min(best, now - before);
        } while (now < end);
        long allocated = Allocation.currentThread() - allocatedBefore;
        long cpu = Allocation.processCpuNanos() - cpuBefore;
        long threadCpu = Allocation.threadCpuNanos() - threadCpuBefore;
        return new Measurement(calls, calls * batch * blocks[0].count(), (now - start) / 1e9, allocated, best, cpu, threadCpu);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
