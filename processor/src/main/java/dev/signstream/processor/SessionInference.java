package dev.signstream.processor;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.PerThreadStepper;
import dev.signstream.inference.engine.StreamBatcher;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.StateCodec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * What every session processor of one instance shares: the model, the stepper (with a max batch
 * above 1, one batcher that gathers the concurrent steps of all stream threads into shared ONNX
 * calls; with 1, each stream thread's own predictor, no hand-off), the recognizer, the state codec
 * and the budget for sessions kept decoded. Closing it stops the stepper; the model belongs to the
 * caller.
 */
public final class SessionInference implements AutoCloseable {

    private final StreamModel model;
    private final AutoCloseable stepper;
    private final LongSupplier calls;
    private final LongSupplier steps;
    private final Recognizer recognizer;
    private final ProcessorMetrics metrics;
    private final StateMemory memory;

    /** With {@link StateKeeping#DEFAULT_DECODED_STATE_BYTES} for decoded sessions. */
    public SessionInference(StreamModel model, BatcherSettings batching, MeterRegistry registry) {
        this(model, batching, StateKeeping.DEFAULT_DECODED_STATE_BYTES, registry);
    }

    /**
     * @param model a loaded model (closed by the caller, after this)
     * @param batching how calls are gathered across stream threads (max batch 1: no batcher)
     * @param decodedStateBytes the most bytes of sessions kept decoded, all tasks together
     * @param registry where the processor's meters go
     */
    public SessionInference(StreamModel model, BatcherSettings batching, long decodedStateBytes,
                            MeterRegistry registry) {
        this.model = model;
        if (batching.maxBatch() == 1) {
            PerThreadStepper own = new PerThreadStepper(model);
            this.stepper = own;
            this.calls = own::calls;
            this.steps = own::steps;
            this.recognizer = new Recognizer(own, model.wordDecoder());
        } else {
            StreamBatcher batcher = StreamBatcher.start(model, batching);
            this.stepper = batcher;
            this.calls = batcher::calls;
            this.steps = batcher::steps;
            this.recognizer = new Recognizer(batcher, model.wordDecoder());
        }
        this.memory = new StateMemory(decodedStateBytes);
        this.metrics = new ProcessorMetrics(registry);
        FunctionCounter.builder("signstream.inference.calls", calls, LongSupplier::getAsLong)
                .description("ONNX calls").register(registry);
        FunctionCounter.builder("signstream.inference.steps", steps, LongSupplier::getAsLong)
                .description("session steps (steps / calls = mean batch size)").register(registry);
        Gauge.builder("signstream.inference.batch.size.mean", this,
                        s -> s.calls.getAsLong() == 0 ? 0 : (double) s.steps.getAsLong() / s.calls.getAsLong())
                .description("mean sessions per ONNX call since start").register(registry);
        Gauge.builder("signstream.processor.decoded.state.bytes", memory, StateMemory::used)
                .description("decoded session states kept in memory between chunks, all tasks").baseUnit("bytes")
                .register(registry);
    }

    StreamModel model() {
        return model;
    }

    Recognizer recognizer() {
        return recognizer;
    }

    StateCodec codec() {
        return model.stateCodec();
    }

    ProcessorMetrics metrics() {
        return metrics;
    }

    StateMemory memory() {
        return memory;
    }

    /** What one session kept decoded costs: its fp32 tensors and the object around them. */
    long decodedSessionBytes() {
        return 4L * model.stateCodec().layout().totalFloats() + 256;
    }

    /** Bytes of one session's stored model state. */
    public int stateBytes() {
        StateCodec codec = model.stateCodec();
        return codec.encodedSize(codec.newState());
    }

    /** ONNX calls and session steps so far (the batching gain is steps / calls). */
    public long[] callsAndSteps() {
        return new long[] {calls.getAsLong(), steps.getAsLong()};
    }

    @Override
    public void close() {
        try {
            stepper.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the stepper", e);
        }
    }
}
