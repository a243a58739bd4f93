package dev.signstream.bench.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.signstream.bench.measure.MeasuredLoop;
import dev.signstream.inference.engine.OrtEngineStarter;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor: ONNX Runtime's Java API alone, as lean as streaming gets. The image tensor is filled
 * once and reused, and each call's state outputs are fed straight back as the next call's inputs
 * (no copy at all); only the logits are read out. Only possible when the same B sessions stay
 * together in memory forever, which stored, independently scheduled sessions do not.
 */
final class RawOrtFeedbackLoop extends MeasuredLoop {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelManifest manifest;
    private final int batch;
    private final int frames;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final OnnxTensor image;
    private final List<OnnxTensor> zeroStates = new ArrayList<>();
    private OrtSession.Result previous;

    RawOrtFeedbackLoop(Path onnxFile, ModelManifest manifest, int intraOpThreads, int batch, float[] framePixels, int frames)
            throws OrtException {
        OrtEngineStarter.engine(); // DJL first, then OrtEnvironment (see facts.md)
        this.env = OrtEnvironment.getEnvironment();
        this.manifest = manifest;
        this.batch = batch;
        this.frames = frames;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            this.session = env.createSession(onnxFile.toString(), options);
        }
        int perSession = frames * manifest.floatsPerFrame();
        FloatBuffer pixels = direct(batch * perSession);
        for (int i = 0; i < batch; i++) {
            pixels.put(i * perSession, framePixels, 0, perSession);
        }
        image = OnnxTensor.createTensor(env, pixels,
                new long[] {batch, frames, manifest.height(), manifest.width(), 3});
        inputs.put(manifest.inputName(), image);
        for (StateSpec spec : manifest.states()) {
            OnnxTensor zeros = OnnxTensor.createTensor(env, direct(batch * spec.elements()), spec.batchShape(batch));
            zeroStates.add(zeros);
            inputs.put(spec.name(), zeros);
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    protected long call() throws OrtException {
        OrtSession.Result result = session.run(inputs);
        FloatBuffer logits = ((OnnxTensor) result.get(manifest.outputName()).orElseThrow()).getFloatBuffer();
        if (logits.remaining() != batch * manifest.classes()) {
            throw new IllegalStateException("raw run returned " + logits.remaining() + " logits");
        }
        for (StateSpec spec : manifest.states()) {
            inputs.put(spec.name(), (OnnxTensor) result.get(spec.outputName()).orElseThrow());
        }
        closePrevious();
        previous = result;
        return (long) batch * frames;
    }

    private void closePrevious() {
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void close() throws OrtException {
        if (previous != null) {
            previous.close();
        }
        image.close();
        zeroStates.forEach(OnnxTensor::close);
        session.close();
    }
}
