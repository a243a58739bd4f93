package dev.signstream.inference.decoder;

import java.nio.ByteBuffer;

/**
 * What the {@link WordDecoder} remembers of one session between chunks: the class of the previous
 * confident reading (a run of readings of one sign is one word), where the current sign began, and
 * how many words were emitted. Mutable; lives inside the session state and is written with it
 * ({@link #writeTo}, {@link #readFrom}).
 */
public final class DecoderState {

    static final long NONE = Long.MIN_VALUE;
    /** {@link #writeTo}'s size: previous class, onset time and seq, gap chunks, words emitted. */
    public static final int SERIALIZED_BYTES = 4 + 8 + 8 + 4 + 4;

    int previous = -1;
    long onsetTimeUs = NONE;
    long onsetSeq = NONE;
    int gapChunks;
    int wordsEmitted;

    /** Words emitted in this session so far (the next word's index). */
    public int wordsEmitted() {
        return wordsEmitted;
    }

    /** The sign the previous reading was confident for, or -1. */
    public int previous() {
        return previous;
    }

    /** Bytes {@link #writeTo} writes. */
    public int serializedSize() {
        return SERIALIZED_BYTES;
    }

    void clearOnset() {
        onsetTimeUs = NONE;
        onsetSeq = NONE;
        gapChunks = 0;
    }

    public void writeTo(ByteBuffer out) {
        out.putInt(previous).putLong(onsetTimeUs).putLong(onsetSeq).putInt(gapChunks).putInt(wordsEmitted);
    }

    /**
     * Reads what {@link #writeTo} wrote into this (empty) state.
     *
     * @throws IllegalArgumentException if the bytes are not a decoder state for this class count
     */
    public void readFrom(ByteBuffer in, int classes) {
        previous = in.getInt();
        onsetTimeUs = in.getLong();
        onsetSeq = in.getLong();
        gapChunks = in.getInt();
        wordsEmitted = in.getInt();
        if (previous < -1 || previous >= classes || gapChunks < 0 || wordsEmitted < 0) {
            throw new IllegalArgumentException("decoder state out of range: previous " + previous + " of " + classes
                    + " classes, gap chunks " + gapChunks + ", words " + wordsEmitted);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecoderState that && previous == that.previous && onsetTimeUs == that.onsetTimeUs
                && onsetSeq == that.onsetSeq && gapChunks == that.gapChunks && wordsEmitted == that.wordsEmitted;
    }

    @Override
    public int hashCode() {
        return ((previous * 31 + wordsEmitted) * 31 + gapChunks) * 31 + Long.hashCode(onsetTimeUs);
    }

    @Override
    public String toString() {
        return "DecoderState{previous=" + previous + ", words=" + wordsEmitted + "}";
    }
}
