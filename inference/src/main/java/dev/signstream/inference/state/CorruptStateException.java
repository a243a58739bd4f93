package dev.signstream.inference.state;

/**
 * Bytes given to {@link StateCodec#decode} are not a session state this runtime wrote (wrong magic,
 * unknown format, wrong length). Unlike a state from another model version, which is an expected
 * event after a model rollout, this points at a bug or a foreign value in the store.
 */
public class CorruptStateException extends RuntimeException {

    public CorruptStateException(String message) {
        super(message);
    }
}
