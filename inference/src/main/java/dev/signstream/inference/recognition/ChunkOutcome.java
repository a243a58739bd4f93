package dev.signstream.inference.recognition;

import dev.signstream.inference.decoder.DecodedWord;
import java.util.List;

/**
 * What applying one chunk to a session did.
 *
 * @param duplicate  the chunk's seq was not after the last applied one: nothing ran, the state is unchanged
 * @param gapChunks  chunks missing between the last applied chunk and this one (0 normally)
 * @param logits     the model's logits after the chunk; empty for a duplicate
 * @param words      words the chunk completed (at most one with the standard decoder)
 */
public record ChunkOutcome(boolean duplicate, long gapChunks, float[] logits, List<DecodedWord> words) {

    private static final float[] NO_LOGITS = new float[0];

    public ChunkOutcome {
        words = List.copyOf(words);
    }

    static ChunkOutcome duplicateChunk() {
        return new ChunkOutcome(true, 0, NO_LOGITS, List.of());
    }
}
