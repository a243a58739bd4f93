package dev.signstream.inference.state;

import dev.signstream.inference.decoder.DecoderState;

/**
 * Everything the runtime keeps for one session: the model's state tensors (fp32, in one flat array
 * laid out by {@link StateLayout}), the frames seen in the session, the seq of the last chunk
 * applied and the word decoder's state. A new state is all zeros, the model's fresh session.
 *
 * <p>Mutable and not thread-safe: one session is advanced by one thread at a time (in the
 * processor, the stream thread that owns its partition). {@link StateCodec} turns it into bytes.
 */
public final class SessionState {

    /** {@link #lastAppliedSeq()} of a session that has not applied a chunk yet. */
    public static final long NO_CHUNK = -1;

    private final String modelVersion;
    private final StateLayout layout;
    private final float[] tensors;
    private final DecoderState decoder;
    private long framesSeen;
    private long lastAppliedSeq = NO_CHUNK;

    SessionState(String modelVersion, StateLayout layout, DecoderState decoder) {
        this.modelVersion = modelVersion;
        this.layout = layout;
        this.tensors = new float[layout.totalFloats()];
        this.decoder = decoder;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public StateLayout layout() {
        return layout;
    }

    /**
     * The state tensors, back to back in graph order (the backing array, not a copy): the runtime
     * reads and writes it in place.
     */
    public float[] tensors() {
        return tensors;
    }

    public DecoderState decoder() {
        return decoder;
    }

    /** Frames applied in this session since it started (counted by the runtime). */
    public long framesSeen() {
        return framesSeen;
    }

    /** Frames the model has seen in this session (the graph's own frame count). */
    public long modelFrameCount() {
        return (long) tensors[layout.frameCountOffset()];
    }

    public long lastAppliedSeq() {
        return lastAppliedSeq;
    }

    /** Records that the chunk {@code seq} of {@code frames} frames was applied. */
    public void markApplied(long seq, int frames) {
        if (seq <= lastAppliedSeq) {
            throw new IllegalArgumentException("chunk " + seq + " is not after the last applied chunk " + lastAppliedSeq);
        }
        lastAppliedSeq = seq;
        framesSeen += frames;
    }

    void restoreCounters(long framesSeen, long lastAppliedSeq) {
        this.framesSeen = framesSeen;
        this.lastAppliedSeq = lastAppliedSeq;
    }

    @Override
    public String toString() {
        return "SessionState{model=" + modelVersion + ", framesSeen=" + framesSeen + ", lastAppliedSeq="
                + lastAppliedSeq + ", " + decoder + "}";
    }
}
