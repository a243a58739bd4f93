package dev.signstream.inference.engine;

/** The requested device cannot run the model (e.g. {@code --device gpu} without a CUDA build or GPU). */
public class DeviceUnavailableException extends RuntimeException {

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
