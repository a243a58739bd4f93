package dev.signstream.inference.engine;

/** The requested device cannot run the model (e.g. the GPU on a build without CUDA, or on a machine without one). */
public class DeviceUnavailableException extends RuntimeException {

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
