package dev.signstream.media;

/** A video file could not be opened, decoded or encoded; the message names the file. */
public class MediaException extends RuntimeException {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
