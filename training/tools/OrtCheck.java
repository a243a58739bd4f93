import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs an exported stream model in ONNX Runtime (the runtime the Java side uses) and compares
 * its logits with the ones PyTorch wrote: whole clip, chunks of 8 and frame by frame, with the
 * state carried through the named state inputs and outputs. Written by training/ort_check.py.
 *
 * <p>Usage: {@code java -cp onnxruntime.jar OrtCheck.java DIR} where DIR holds model.onnx,
 * clip.f32 ([B,T,S,S,3]), expected.f32 ([T,B,K] per-frame logits) and dims.txt ("B T S K").
 */
public final class OrtCheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String[] dims = Files.readString(dir.resolve("dims.txt")).trim().split(" ");
        int b = Integer.parseInt(dims[0]), t = Integer.parseInt(dims[1]);
        int s = Integer.parseInt(dims[2]), k = Integer.parseInt(dims[3]);
        float[] clip = readFloats(dir.resolve("clip.f32"));
        float[] expected = readFloats(dir.resolve("expected.f32"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(dir.resolve("model.onnx").toString(),
                new OrtSession.SessionOptions())) {
            double worst = 0;
            for (int chunk : new int[] {t, 8, 1}) {
                double diff = run(env, session, clip, expected, b, t, s, k, chunk);
                System.out.printf("chunk %2d: max |ORT - torch| over every chunk end = %.3g%n", chunk, diff);
                worst = Math.max(worst, diff);
            }
            System.out.println(worst <= 1e-4 ? "OK" : "FAILED");
            if (worst > 1e-4) {
                System.exit(1);
            }
        }
    }

    private static double run(OrtEnvironment env, OrtSession session, float[] clip, float[] expected,
                              int b, int t, int s, int k, int chunk) throws Exception {
        Map<String, float[]> state = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            if (in.getKey().equals("image")) {
                continue;
            }
            long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
            shape[0] = b;
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            state.put(in.getKey(), new float[(int) n]);
            shapes.put(in.getKey(), shape);
        }
        int frame = s * s * 3;
        double worst = 0;
        for (int start = 0; start < t; start += chunk) {
            int len = Math.min(chunk, t - start);
            float[] image = new float[b * len * frame];
            for (int i = 0; i < b; i++) {
                System.arraycopy(clip, (i * t + start) * frame, image, i * len * frame, len * frame);
            }
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("image", OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {b, len, s, s, 3}));
            for (Map.Entry<String, float[]> e : state.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                float[][] logits = (float[][]) result.get("logits").get().getValue();
                int last = start + len - 1;
                for (int i = 0; i < b; i++) {
                    for (int c = 0; c < k; c++) {
                        worst = Math.max(worst, Math.abs(logits[i][c] - expected[(last * b + i) * k + c]));
                    }
                }
                for (String name : state.keySet()) {
                    OnnxTensor out = (OnnxTensor) result.get(name + "_out").get();
                    FloatBuffer buf = out.getFloatBuffer();
                    float[] next = new float[buf.remaining()];
                    buf.get(next);
                    state.put(name, next);
                }
            }
            feeds.values().forEach(OnnxTensor::close);
        }
        return worst;
    }

    private static float[] readFloats(Path path) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(out);
        return out;
    }
}
