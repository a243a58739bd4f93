package dev.signstream.synth.corpus;

/** A clip of the corpus could not be written; the message names the clip. */
public class CorpusException extends RuntimeException {

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
