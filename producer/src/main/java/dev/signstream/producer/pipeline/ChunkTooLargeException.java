package dev.signstream.producer.pipeline;

/**
 * A single frame (with its headers) is larger than a record may be, so no chunk can carry it.
 * Chunks of several frames are split instead; this is the case splitting cannot help.
 */
public class ChunkTooLargeException extends RuntimeException {

    public ChunkTooLargeException(String message) {
        super(message);
    }
}
