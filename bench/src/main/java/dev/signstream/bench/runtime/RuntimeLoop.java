package dev.signstream.bench.runtime;

import dev.signstream.bench.measure.MeasuredLoop;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;

/** The runtime's own path: {@link StreamPredictor#step} on B sessions per call, state copied in and out. */
final class RuntimeLoop extends MeasuredLoop {

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
    protected long call() {
        predictor.step(states, blocks, batch, logits);
        return (long) batch * blocks[0].count();
    }

    @Override
    public void close() {
        predictor.close();
    }
}
