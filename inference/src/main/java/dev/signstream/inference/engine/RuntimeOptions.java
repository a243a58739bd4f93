package dev.signstream.inference.engine;

/**
 * How ONNX Runtime runs a model.
 *
 * @param device         CPU (default) or GPU
 * @param intraOpThreads threads ONNX Runtime uses inside one call; 0 lets it choose (one per core)
 * @param interOpThreads threads across independent graph branches; 0 lets it choose
 */
public record RuntimeOptions(Device device, int intraOpThreads, int interOpThreads) {

    public RuntimeOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is required");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("ONNX threads (intra-op, per call) must be >= 0 (0: ONNX Runtime chooses), not "
                    + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("ONNX Runtime inter-op threads must be >= 0 (0: ONNX Runtime chooses), not "
                    + interOpThreads);
        }
    }

    /** CPU, ONNX Runtime's own thread counts. */
    public static RuntimeOptions cpu() {
        return new RuntimeOptions(Device.CPU, 0, 0);
    }

    public RuntimeOptions withIntraOpThreads(int threads) {
        return new RuntimeOptions(device, threads, interOpThreads);
    }
}
