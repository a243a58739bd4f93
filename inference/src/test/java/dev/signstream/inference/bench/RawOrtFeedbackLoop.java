package dev.signstream.inference.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
final class RawOrtFeedbackLoop implements MeasuredLoop {

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
    public Measurement runFor(double seconds) throws OrtException {
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
            calls++;
            now = System.nanoTime();
            best = Math.min(best, now - before);
        } while (now < end);
        long allocated = Allocation.currentThread() - allocatedBefore;
        long cpu = Allocation.processCpuNanos() - cpuBefore;
        long threadCpu = Allocation.threadCpuNanos() - threadCpuBefore;
        return new Measurement(calls, calls * batch * frames, (now - start) / 1e9, allocated, best, cpu, threadCpu);
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
