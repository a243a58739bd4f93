package dev.signstream.inference.frames;

/** How a chunk's frames are encoded (mirrors the Avro {@code FrameEncoding}, without depending on it). */
public enum FrameFormat {
    /** One JPEG image per frame. */
    JPEG,
    /** {@code width * height * 3} bytes of packed RGB per frame, row-major, no padding. */
    RAW_RGB24
}
