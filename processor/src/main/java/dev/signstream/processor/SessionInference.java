package dev.signstream.processor;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.StreamBatcher;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.StateCodec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every session processor of one instance shares: the model, one batcher that gathers the
 * concurrent steps of all stream threads into shared ONNX calls, the recognizer and the state
 * codec. Closing it stops the batcher; the model belongs to the caller.
 */
public final class SessionInference implements AutoCloseable {

    private final StreamModel model;
    private final StreamBatcher batcher;
    private final Recognizer recognizer;
    private final ProcessorMetrics metrics;

    /**
     * @param model a loaded model (closed by the caller, after this)
     * @param batching how calls are gathered across stream threads
     * @param registry where the processor's meters go
     */
    public SessionInference(StreamModel model, BatcherSettings batching, MeterRegistry registry) {
        this.model = model;
        this.batcher = StreamBatcher.start(model, batching);
        this.recognizer = new Recognizer(batcher, model.wordDecoder());
        this.metrics = new ProcessorMetrics(registry);
        FunctionCounter.builder("signstream.inference.calls", batcher, StreamBatcher::calls)
                .description("ONNX calls").register(registry);
        FunctionCounter.builder("signstream.inference.steps", batcher, StreamBatcher::steps)
                .description("session steps (steps / calls = mean batch size)").register(registry);
        Gauge.builder("signstream.inference.batch.size.mean", batcher,
                        b -> b.calls() == 0 ? 0 : (double) b.steps() / b.calls())
                .description("mean sessions per ONNX call since start").register(registry);
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

    /** Bytes of one session's stored model state. */
    public int stateBytes() {
        StateCodec codec = model.stateCodec();
        return codec.encodedSize(codec.newState());
    }

    /** ONNX calls and session steps so far (the batching gain is steps / calls). */
    public long[] callsAndSteps() {
        return new long[] {batcher.calls(), batcher.steps()};
    }

    @Override
    public void close() {
        batcher.close();
    }
}
