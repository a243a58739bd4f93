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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same job as the runtime, written straight on ONNX Runtime's Java API: B independent sessions
 * whose state lives in Java arrays between calls (as it must when sessions are stored), so every call
 * copies the frames and the states into direct buffers and reads the states back out. The baseline
 * for the runtime-vs-raw ratio: it differs from the runtime only by DJL and the runtime's own code.
 */
final class RawOrtSessionsLoop extends MeasuredLoop {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelManifest manifest;
    private final List<StateSpec> specs;
    private final int batch;
    private final int frames;
    private final float[] framePixels;
    private final float[][][] states;
    private final FloatBuffer image;
    private final FloatBuffer[] stateBuffers;
    private final float[][] logits;

    RawOrtSessionsLoop(Path onnxFile, ModelManifest manifest, int intraOpThreads, int batch, float[] framePixels,
            int frames) throws OrtException {
        OrtEngineStarter.engine(); // DJL first, then OrtEnvironment (see facts.md)
        this.env = OrtEnvironment.getEnvironment();
        this.manifest = manifest;
        this.specs = manifest.states();
        this.batch = batch;
        this.frames = frames;
        this.framePixels = framePixels;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            this.session = env.createSession(onnxFile.toString(), options);
        }
        this.image = direct(batch * frames * manifest.floatsPerFrame());
        this.stateBuffers = new FloatBuffer[specs.size()];
        this.states = new float[batch][specs.size()][];
        for (int s = 0; s < specs.size(); s++) {
            stateBuffers[s] = direct(batch * specs.get(s).elements());
            for (int i = 0; i < batch; i++) {
                states[i][s] = new float[specs.get(s).elements()];
            }
        }
        this.logits = new float[batch][manifest.classes()];
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    protected long call() throws OrtException {
        int perSession = frames * manifest.floatsPerFrame();
        for (int i = 0; i < batch; i++) {
            image.put(i * perSession, framePixels, 0, perSession);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(manifest.inputName(), OnnxTensor.createTensor(env, image,
                    new long[] {batch, frames, manifest.height(), manifest.width(), 3}));
            for (int s = 0; s < specs.size(); s++) {
                int n = specs.get(s).elements();
                for (int i = 0; i < batch; i++) {
                    stateBuffers[s].put(i * n, states[i][s], 0, n);
                }
                inputs.put(specs.get(s).name(),
                        OnnxTensor.createTensor(env, stateBuffers[s], specs.get(s).batchShape(batch)));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer out = ((OnnxTensor) result.get(manifest.outputName()).orElseThrow()).getFloatBuffer();
                for (int i = 0; i < batch; i++) {
                    out.get(i * manifest.classes(), logits[i], 0, manifest.classes());
                }
                for (int s = 0; s < specs.size(); s++) {
                    int n = specs.get(s).elements();
                    FloatBuffer state = ((OnnxTensor) result.get(specs.get(s).outputName()).orElseThrow())
                            .getFloatBuffer();
                    for (int i = 0; i < batch; i++) {
                        state.get(i * n, states[i][s], 0, n);
                    }
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        return (long) batch * frames;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
