package dev.signstream.inference.engine;

/** ONNX Runtime failed to run a step, or the graph broke the model contract at run time. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
