package dev.signstream.producer.pipeline;

import dev.signstream.schemas.avro.FrameEncoding;

/**
 * What every chunk of one session has in common.
 *
 * @param sessionId  the session (also the record key)
 * @param width      frame width in pixels
 * @param height     frame height in pixels
 * @param encoding   JPEG or RAW_RGB24
 * @param fps        the sampling rate written into the chunks
 * @param source     where the frames come from, passwords removed (file:..., device:..., url:..., synthetic)
 * @param producerId which producer process wrote the chunks
 */
public record ChunkFormat(String sessionId, int width, int height, FrameEncoding encoding, float fps, String source,
                          String producerId) {

    public ChunkFormat {
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("a chunk needs a session id");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
    }
}
