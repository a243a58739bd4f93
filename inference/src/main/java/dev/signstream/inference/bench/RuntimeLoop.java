package dev.signstream.inference.bench;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;

/** The runtime's own path: {@link StreamPredictor#step} on B sessions per call, state copied in and out. */
final class RuntimeLoop implements AutoCloseable {

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

    Measurement runFor(double seconds) {
        long calls = 0;
        long allocatedBefore = Allocation.currentThread();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            predictor.step(states, blocks, batch, logits);
            calls++;
            now = System.nanoTime();
        } while (now < end);
        long allocated = Allocation.currentThread() - allocatedBefore;
        return new Measurement(calls, calls * batch * blocks[0].count(), (now - start) / 1e9, allocated);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
