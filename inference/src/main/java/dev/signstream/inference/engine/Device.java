package dev.signstream.inference.engine;

import java.util.Locale;

/** Where ONNX Runtime runs the model. */
public enum Device {
    CPU,
    /** CUDA through the {@code onnxruntime_gpu} build (Maven profile {@code gpu}). */
    GPU;

    /** Parses {@code cpu} or {@code gpu} (any case). */
    public static Device parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + text + "', expected cpu or gpu", e);
        }
    }
}
