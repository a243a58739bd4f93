package dev.signstream.inference.engine;

import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each calling thread steps on its own {@link StreamPredictor}, in the calling thread: no hand-off to
 * a batcher thread and back, one session per ONNX call. What a processor with a batch of 1 uses
 * (on a CPU, batching gains little per frame; see docs/performance.md).
 *
 * <p>Thread-safe: predictors are per thread. Close it after the last step; it closes every
 * predictor it made.
 */
public final class PerThreadStepper implements Stepper, AutoCloseable {

    private final StreamModel model;
    private final List<StreamPredictor> predictors = new ArrayList<>();
    private final ThreadLocal<StreamPredictor> own = ThreadLocal.withInitial(this::newPredictor);
    private final AtomicLong steps = new AtomicLong();
    private volatile boolean closed;

    public PerThreadStepper(StreamModel model) {
        this.model = model;
    }

    @Override
    public float[] step(SessionState state, FrameBlock frames) {
        if (closed) {
            throw new IllegalStateException("the stepper is closed");
        }
        float[] logits = own.get().step(state, frames);
        steps.incrementAndGet();
        return logits;
    }

    /** ONNX calls so far (one per step). */
    public long calls() {
        return steps.get();
    }

    /** Session steps so far. */
    public long steps() {
        return steps.get();
    }

    private StreamPredictor newPredictor() {
        synchronized (predictors) {
            if (closed) {
                throw new IllegalStateException("the stepper is closed");
            }
            StreamPredictor predictor = model.newPredictor();
            predictors.add(predictor);
            return predictor;
        }
    }

    @Override
    public void close() {
        synchronized (predictors) {
            closed = true;
            predictors.forEach(StreamPredictor::close);
            predictors.clear();
        }
    }
}
