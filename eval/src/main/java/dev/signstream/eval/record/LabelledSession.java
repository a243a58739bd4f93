package dev.signstream.eval.record;

import dev.signstream.producer.pipeline.TruthHeaders;
import dev.signstream.synth.live.FrameTruth;

/**
 * A session to record: frames of one size, in order, each with its ground truth. Frame {@code n} is
 * captured at {@code start + round(n * 1e6 / fps)} microseconds, the rule {@link TruthHeaders} uses.
 */
public interface LabelledSession {

    /** Receives the frames of a session, in order. */
    @FunctionalInterface
    interface FrameConsumer {
        /**
         * @param rgb   packed RGB24 of the session's size; reused after the call returns
         * @param truth the frame's ground truth; {@link FrameTruth#last()} marks the final frame
         */
        void accept(byte[] rgb, FrameTruth truth) throws InterruptedException;
    }

    /** The session id (the record key). */
    String sessionId();

    /** Frames per second. */
    double fps();

    /** Edge of the square frames, pixels. */
    int size();

    /** What the chunks' {@code source} field says, e.g. {@code corpus:test/병원/a.mp4}. */
    String source();

    /** The truth-header builder of this session when its frame 0 is captured at {@code startMicros}. */
    TruthHeaders truthHeaders(long startMicros);

    /**
     * Hands every frame to {@code consumer}; the final one has {@code last} set.
     *
     * @throws dev.signstream.media.MediaException when a video cannot be decoded
     * @throws IllegalStateException when the frames differ from what the session's description promised
     */
    void play(long startMicros, FrameConsumer consumer) throws InterruptedException;
}
