package dev.signstream.inference.recognition;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.decoder.WordDecoder;
import dev.signstream.inference.engine.Stepper;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.util.List;
import java.util.Optional;

/**
 * Applies chunks to sessions: duplicate detection by chunk seq, gap counting, the model step (through
 * any {@link Stepper}: a {@link dev.signstream.inference.engine.StreamBatcher} shared by threads, or a
 * thread's own predictor) and the word decoder. A session needs no end-of-session step: every word is
 * decided by a reading, and the model's memory is bounded, so its state is never reset.
 * Thread-safe when its stepper is; each session is advanced by one thread at a time.
 */
public final class Recognizer {

    private final Stepper stepper;
    private final WordDecoder decoder;

    public Recognizer(Stepper stepper, WordDecoder decoder) {
        this.stepper = stepper;
        this.decoder = decoder;
    }

    public WordDecoder decoder() {
        return decoder;
    }

    /**
     * Applies chunk {@code seq} of a session.
     *
     * @param state  the session, updated in place
     * @param seq    the chunk's seq (0, 1, 2, ... per session)
     * @param frames the chunk's decoded frames
     */
    public ChunkOutcome accept(SessionState state, long seq, FrameBlock frames) {
        if (seq < 0) {
            throw new IllegalArgumentException("chunk seq must be >= 0, got " + seq);
        }
        long last = state.lastAppliedSeq();
        if (seq <= last) {
            return ChunkOutcome.duplicateChunk();
        }
        long gap = last == SessionState.NO_CHUNK ? 0 : seq - last - 1;
        float[] logits = stepper.step(state, frames);
        state.markApplied(seq, frames.count());
        Optional<DecodedWord> word = decoder.accept(state.decoder(), logits, frames.firstCaptureTimeUs(),
                frames.lastCaptureTimeUs(), seq, (int) Math.min(gap, Integer.MAX_VALUE));
        return new ChunkOutcome(false, gap, logits, word.map(List::of).orElse(List.of()));
    }

}
