package dev.signstream.inference.decoder;

import java.util.Optional;

/**
 * What one chunk did to the decoder: maybe a word, and whether the caller must reset the model's
 * state tensors (after a word, or after a long enough rest).
 */
public record DecoderOutput(Optional<DecodedWord> word, boolean resetModel) {

    static final DecoderOutput NOTHING = new DecoderOutput(Optional.empty(), false);
    static final DecoderOutput RESET = new DecoderOutput(Optional.empty(), true);
}
