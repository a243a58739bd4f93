package dev.signstream.inference.decoder;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the {@link WordDecoder} remembers of one session between chunks. Mutable; lives inside the
 * session state and is written with it ({@link #writeTo}, {@link #readFrom}).
 */
public final class DecoderState {

    static final long NONE = Long.MIN_VALUE;
    private static final int FIXED_BYTES = 4 + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 1;

    int candidate = -1;
    int streak;
    int idleStreak;
    float candidateConfidence;
    long segmentStartUs = NONE;
    long onsetTimeUs = NONE;
    long onsetSeq = NONE;
    long candidateLastFrameUs = NONE;
    long candidateLastSeq = NONE;
    int gapChunks;
    int wordsEmitted;
    int topCount;
    final int[] topLabels;
    final float[] topScores;

    /** An empty decoder state keeping up to {@code topK} alternatives for a pending sign. */
    public DecoderState(int topK) {
        topLabels = new int[topK];
        topScores = new float[topK];
    }

    /** Words emitted in this session so far (the next word's index). */
    public int wordsEmitted() {
        return wordsEmitted;
    }

    /** The sign being confirmed, or -1. */
    public int candidate() {
        return candidate;
    }

    /** Bytes {@link #writeTo} writes. */
    public int serializedSize() {
        return FIXED_BYTES + topCount * 8;
    }

    /** Forgets the pending sign and its onset, keeping the word count (after a word or a reset). */
    void clearSegment() {
        candidate = -1;
        streak = 0;
        idleStreak = 0;
        candidateConfidence = 0f;
        segmentStartUs = NONE;
        onsetTimeUs = NONE;
        onsetSeq = NONE;
        candidateLastFrameUs = NONE;
        candidateLastSeq = NONE;
        gapChunks = 0;
        topCount = 0;
    }

    public void writeTo(ByteBuffer out) {
        out.putInt(candidate).putInt(streak).putInt(idleStreak).putFloat(candidateConfidence);
        out.putLong(segmentStartUs).putLong(onsetTimeUs).putLong(onsetSeq).putLong(candidateLastFrameUs).putLong(candidateLastSeq);
        out.putInt(gapChunks).putInt(wordsEmitted);
        out.put((byte) topCount);
        for (int i = 0; i < topCount; i++) {
            out.putInt(topLabels[i]).putFloat(topScores[i]);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote into this (empty) state.
     *
     * @throws IllegalArgumentException if the bytes are not a decoder state for this top-k and class count
     */
    public void readFrom(ByteBuffer in, int classes) {
        candidate = in.getInt();
        streak = in.getInt();
        idleStreak = in.getInt();
        candidateConfidence = in.getFloat();
        segmentStartUs = in.getLong();
        onsetTimeUs = in.getLong();
        onsetSeq = in.getLong();
        candidateLastFrameUs = in.getLong();
        candidateLastSeq = in.getLong();
        gapChunks = in.getInt();
        wordsEmitted = in.getInt();
        topCount = in.get() & 0xFF;
        if (candidate < -1 || candidate >= classes || streak < 0 || idleStreak < 0 || wordsEmitted < 0
                || topCount > topLabels.length) {
            throw new IllegalArgumentException("decoder state out of range: candidate " + candidate + ", streak "
                    + streak + ", idle streak " + idleStreak + ", words " + wordsEmitted + ", top-k " + topCount);
        }
        for (int i = 0; i < topCount; i++) {
            topLabels[i] = in.getInt();
            topScores[i] = in.getFloat();
            if (topLabels[i] < 0 || topLabels[i] >= classes) {
                throw new IllegalArgumentException("decoder state names class " + topLabels[i] + " of " + classes);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecoderState that && candidate == that.candidate && streak == that.streak
                && idleStreak == that.idleStreak && candidateConfidence == that.candidateConfidence
                && segmentStartUs == that.segmentStartUs && onsetTimeUs == that.onsetTimeUs && onsetSeq == that.onsetSeq
                && candidateLastFrameUs == that.candidateLastFrameUs && candidateLastSeq == that.candidateLastSeq
                && gapChunks == that.gapChunks && wordsEmitted == that.wordsEmitted && topCount == that.topCount
                && Arrays.equals(topLabels, 0, topCount, that.topLabels, 0, that.topCount)
                && Arrays.equals(topScores, 0, topCount, that.topScores, 0, that.topCount);
    }

    @Override
    public int hashCode() {
        return ((candidate * 31 + streak) * 31 + wordsEmitted) * 31 + Long.hashCode(onsetTimeUs);
    }

    @Override
    public String toString() {
        return "DecoderState{candidate=" + candidate + ", streak=" + streak + ", idleStreak=" + idleStreak
                + ", words=" + wordsEmitted + "}";
    }
}
