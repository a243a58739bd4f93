package dev.signstream.inference.engine;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateSpec;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs K sessions, each at its own position, through the model in one ONNX call: their frames and
 * state tensors are stacked into reused direct buffers (which ONNX Runtime reads in place), and the
 * state after the chunk is copied back into each session. Results equal K separate calls (the frame
 * count is a per-session state).
 *
 * <p>Not thread-safe: one predictor per thread (DJL does not promise more). Close it.
 */
public final class StreamPredictor implements Stepper, AutoCloseable {

    private final ModelManifest manifest;
    private final StateLayout layout;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;
    private final Map<String, Integer> outputIndex = new HashMap<>();
    private final SessionState[] one = new SessionState[1];
    private final FrameBlock[] oneBlock = new FrameBlock[1];
    private final float[][] oneLogits = new float[1][];
    private FloatBuffer image = direct(0);
    private FloatBuffer[] stateBuffers;
    private int batchCapacity;

    StreamPredictor(Model model, ModelManifest manifest, StateLayout layout) {
        this.manifest = manifest;
        this.layout = layout;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.manager = model.getNDManager().newSubManager();
        outputIndex.put(manifest.outputName(), -1);
        for (int t = 0; t < layout.tensorCount(); t++) {
            outputIndex.put(layout.spec(t).outputName(), t);
        }
        this.stateBuffers = new FloatBuffer[layout.tensorCount()];
    }

    /** One session, one chunk: see {@link #step(SessionState[], FrameBlock[], int, float[][])}. */
    @Override
    public float[] step(SessionState state, FrameBlock frames) {
        one[0] = state;
        oneBlock[0] = frames;
        oneLogits[0] = new float[manifest.classes()];
        step(one, oneBlock, 1, oneLogits);
        one[0] = null;
        oneBlock[0] = null;
        return oneLogits[0];
    }

    /**
     * Advances {@code count} sessions by one chunk each in one ONNX call.
     *
     * @param states    the sessions, updated in place (state tensors only; the caller marks chunks applied)
     * @param frames    each session's chunk; all must hold the same number of frames
     * @param count     how many entries of the arrays to use
     * @param logitsOut receives each session's logits ({@code classes} floats each)
     * @throws InferenceException if ONNX Runtime fails or returns something the contract does not allow
     */
    public void step(SessionState[] states, FrameBlock[] frames, int count, float[][] logitsOut) {
        if (count < 1) {
            throw new IllegalArgumentException("a step needs at least one session");
        }
        int t = frames[0].count();
        if (t < 1) {
            throw new IllegalArgumentException("a chunk needs at least one frame");
        }
        for (int i = 0; i < count; i++) {
            if (frames[i].count() != t) {
                throw new IllegalArgumentException("one call needs chunks of one length: session 0 has " + t
                        + " frames, session " + i + " has " + frames[i].count());
            }
            if (states[i].layout() != layout) {
                throw new IllegalArgumentException("session " + i + " holds state of model " + states[i].modelVersion()
                        + ", this predictor runs " + manifest.version());
            }
            if (logitsOut[i].length != manifest.classes()) {
                throw new IllegalArgumentException("logits array " + i + " holds " + logitsOut[i].length
                        + " floats, the model has " + manifest.classes() + " classes");
            }
        }
        ensureCapacity(count, t);
        int frameFloats = t * manifest.floatsPerFrame();
        // A lone chunk is read in place from its block; a batch is stacked into the image buffer.
        FloatBuffer pixels = frames[0].pixels();
        if (count > 1) {
            for (int i = 0; i < count; i++) {
                image.put(i * frameFloats, frames[i].pixels(), 0, frameFloats);
            }
            pixels = image;
        }
        for (int s = 0; s < layout.tensorCount(); s++) {
            int n = layout.elements(s);
            for (int i = 0; i < count; i++) {
                stateBuffers[s].put(i * n, states[i].tensors(), layout.offset(s), n);
            }
        }
        try (NDManager call = manager.newSubManager()) {
            NDList inputs = new NDList(layout.tensorCount() + 1);
            inputs.add(named(call, pixels, count * frameFloats,
                    new Shape(count, t, manifest.height(), manifest.width(), 3), manifest.inputName()));
            for (int s = 0; s < layout.tensorCount(); s++) {
                StateSpec spec = layout.spec(s);
                inputs.add(named(call, stateBuffers[s], count * layout.elements(s), new Shape(spec.batchShape(count)),
                        spec.name()));
            }
            NDList outputs = predictor.predict(inputs);
            readOutputs(outputs, states, count, logitsOut);
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof InferenceException inference) {
                throw inference;
            }
            throw new InferenceException("ONNX Runtime failed a step of " + count + " session(s) x " + t + " frame(s): "
                    + e.getMessage(), e);
        }
    }

    private void readOutputs(NDList outputs, SessionState[] states, int count, float[][] logitsOut) {
        if (outputs.size() != layout.tensorCount() + 1) {
            throw new InferenceException("the graph returned " + outputs.size() + " outputs, the contract needs "
                    + (layout.tensorCount() + 1));
        }
        for (NDArray output : outputs) {
            Integer index = outputIndex.get(output.getName());
            if (index == null) {
                throw new InferenceException("the graph returned an unexpected output '" + output.getName() + "'");
            }
            FloatBuffer values = output.toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
            int n = index < 0 ? manifest.classes() : layout.elements(index);
            if (values.remaining() != count * n) {
                throw new InferenceException("output " + output.getName() + " holds " + values.remaining()
                        + " floats, expected " + count + " x " + n);
            }
            for (int i = 0; i < count; i++) {
                if (index < 0) {
                    values.get(i * n, logitsOut[i], 0, n);
                } else {
                    values.get(i * n, states[i].tensors(), layout.offset(index), n);
                }
            }
        }
    }

    private static NDArray named(NDManager call, FloatBuffer buffer, int length, Shape shape, String name) {
        NDArray array = call.create(buffer.slice(0, length), shape);
        array.setName(name);
        return array;
    }

    private void ensureCapacity(int batch, int frames) {
        int imageFloats = Math.multiplyExact(Math.multiplyExact(batch, frames), manifest.floatsPerFrame());
        if (batch > 1 && image.capacity() < imageFloats) {
            image = direct(imageFloats);
        }
        if (batch > batchCapacity) {
            for (int s = 0; s < layout.tensorCount(); s++) {
                stateBuffers[s] = direct(Math.multiplyExact(batch, layout.elements(s)));
            }
            batchCapacity = batch;
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(floats, 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void close() {
        predictor.close();
        manager.close();
    }
}
