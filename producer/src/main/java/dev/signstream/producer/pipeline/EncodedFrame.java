package dev.signstream.producer.pipeline;

import dev.signstream.synth.live.FrameTruth;

/**
 * One sampled frame, already encoded, on its way into a chunk.
 *
 * @param data          the encoded frame: a JPEG file or packed RGB24; owned by this record
 * @param captureMicros capture time, epoch microseconds
 * @param truth         ground truth of a synthetic or labelled frame, or null
 * @param endsSession   the session's final frame: its chunk is sent at once with {@code last = true}
 */
public record EncodedFrame(byte[] data, long captureMicros, FrameTruth truth, boolean endsSession) {

    public EncodedFrame {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("an encoded frame needs its bytes");
        }
    }

    /** A frame that is not the session's last. */
    public EncodedFrame(byte[] data, long captureMicros, FrameTruth truth) {
        this(data, captureMicros, truth, false);
    }
}
