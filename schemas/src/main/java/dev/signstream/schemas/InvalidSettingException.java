package dev.signstream.schemas;

/** A configuration value that is missing or malformed; the message names the setting. */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
