package dev.signstream.inference.decoder;

import java.util.List;

/**
 * A word the decoder emitted.
 *
 * @param wordIndex        0, 1, 2, ... per session
 * @param labelId          class id in the model's labels
 * @param gloss            the label
 * @param confidence       softmax probability of the class in the chunk that decided it
 * @param topK             the most probable classes of that chunk, best first (may include the idle and
 *                         signing classes)
 * @param firstFrameTimeUs capture time of the first frame of the first chunk, since the previous word or
 *                         the last rest, whose most probable class was not idle (the sign's onset as
 *                         the model saw it; chunk resolution)
 * @param lastFrameTimeUs  capture time of the last frame of the chunk that decided the word
 * @param firstSeq         chunk seq of the onset chunk
 * @param lastSeq          chunk seq of the deciding chunk
 * @param gapChunks        chunks missing (seq gaps) between {@code firstSeq} and {@code lastSeq}
 */
public record DecodedWord(int wordIndex, int labelId, String gloss, float confidence, List<Alternative> topK,
        long firstFrameTimeUs, long lastFrameTimeUs, long firstSeq, long lastSeq, int gapChunks) {

    public DecodedWord {
        topK = List.copyOf(topK);
    }
}
