package dev.signstream.inference.model;

/** A model folder does not follow {@code docs/model-contract.md}; the message names the file and the problem. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
