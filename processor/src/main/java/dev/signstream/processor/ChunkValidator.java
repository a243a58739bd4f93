package dev.signstream.processor;

import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.service.RejectedRecordException;
import java.util.List;

/**
 * Checks a chunk's envelope before anything is decoded or any state changes; a chunk that fails
 * becomes a dead letter at stage {@value #STAGE} with the field that is wrong.
 */
final class ChunkValidator {

    static final String STAGE = "validate";

    private final int width;
    private final int height;
    private final int maxFrames;

    ChunkValidator(int width, int height, int maxFrames) {
        this.width = width;
        this.height = height;
        this.maxFrames = maxFrames;
    }

    void check(String key, FrameChunk chunk) {
        if (key == null || key.isEmpty()) {
            throw reject("the record has no key (the key must be the session id)");
        }
        if (chunk == null) {
            throw reject("tombstone (null value) for session '" + key + "': a frame chunk was expected");
        }
        if (!key.equals(chunk.getSessionId())) {
            throw reject("key '" + key + "' differs from session_id '" + chunk.getSessionId() + "'");
        }
        if (chunk.getSeq() < 0) {
            throw reject("seq must be >= 0, got " + chunk.getSeq());
        }
        int frames = chunk.getFrames().size();
        if (frames == 0 && !chunk.getLast()) {
            throw reject("the chunk has no frames (only a last chunk may be empty)");
        }
        if (frames > maxFrames) {
            throw reject("the chunk has " + frames + " frames; at most " + maxFrames + " are accepted");
        }
        List<Long> times = chunk.getCaptureTimesUs();
        if (times.size() != frames) {
            throw reject(frames + " frames but " + times.size() + " capture times");
        }
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) <= times.get(i - 1)) {
                throw reject("capture times must increase: frame " + i + " at " + times.get(i)
                        + " us after " + times.get(i - 1) + " us");
            }
        }
        if (frames > 0 && (chunk.getWidth() != width || chunk.getHeight() != height)) {
            throw reject("frames are " + chunk.getWidth() + "x" + chunk.getHeight() + "; the model takes "
                    + width + "x" + height);
        }
        if (chunk.getEncoding() == FrameEncoding.UNKNOWN) {
            throw reject("unknown frame encoding (a newer producer?)");
        }
    }

    private static RejectedRecordException reject(String message) {
        return new RejectedRecordException(STAGE, message);
    }
}
