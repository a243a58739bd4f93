package dev.signstream.inference.frames;

/**
 * A chunk's frames cannot be fed to the model: a corrupt or truncated JPEG, a raw frame of the wrong
 * byte count, a size other than the model's input, more frames than a chunk may hold, capture times
 * missing or out of order. The processor sends the chunk to the dead-letter topic with this message.
 */
public class BadFramesException extends RuntimeException {

    private final int frameIndex;

    public BadFramesException(String message, int frameIndex) {
        super(message);
        this.frameIndex = frameIndex;
    }

    public BadFramesException(String message, int frameIndex, Throwable cause) {
        super(message, cause);
        this.frameIndex = frameIndex;
    }

    /** Index of the offending frame within the chunk, or -1 when the chunk as a whole is wrong. */
    public int frameIndex() {
        return frameIndex;
    }
}
