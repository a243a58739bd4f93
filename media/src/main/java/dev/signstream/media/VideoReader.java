package dev.signstream.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the video stream of a file to packed RGB24 frames, scaled inside FFmpeg to a requested
 * size ({@link FfmpegReader}), upright (the display matrix applied), with each frame's
 * presentation timestamp in microseconds. A file that ends before the video it declares fails
 * as truncated.
 *
 * <p>Decoding runs on one FFmpeg thread per reader: callers that want parallelism open several
 * readers. Not thread-safe.
 */
public final class VideoReader implements AutoCloseable {

    private final FfmpegReader reader;

    private VideoReader(FfmpegReader reader) {
        this.reader = reader;
    }

    /**
     * Opens a video file.
     *
     * @param width  output width in pixels, or 0 to keep the video's own size (then height must be 0)
     * @param height output height in pixels, or 0 to keep the video's own size
     * @throws MediaException if the file is missing, has no video stream or cannot be decoded
     */
    public static VideoReader open(Path file, int width, int height) {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("output size must be both positive or both 0 (native), got "
                    + width + "x" + height);
        }
        FfmpegReader reader = FfmpegReader.openFile(file.toString());
        if (width > 0) {
            // the size asked for is the upright one; a sideways video is scaled before it is turned
            boolean sideways = reader.orientation().sideways();
            reader.scaleTo(FfmpegReader.Window.whole(sideways ? height : width, sideways ? width : height));
        }
        return new VideoReader(reader);
    }

    /** Reads every frame of a file (convenient for short clips; allocates one array per frame). */
    public static List<RgbFrame> readAll(Path file, int width, int height) {
        try (VideoReader reader = open(file, width, height)) {
            List<RgbFrame> frames = new ArrayList<>();
            RgbFrame frame;
            while ((frame = reader.read()) != null) {
                frames.add(frame);
            }
            return frames;
        }
    }

    public int width() {
        return reader.shownWidth();
    }

    public int height() {
        return reader.shownHeight();
    }

    /** Frame rate the container declares (0 if unknown). */
    public double fps() {
        return reader.declaredFps();
    }

    /** Number of frames the container declares; an estimate for some formats. */
    public int declaredFrames() {
        return reader.declaredFrames();
    }

    public int framesRead() {
        return reader.framesRead();
    }

    /**
     * Decodes the next frame into {@code into}, which must have this reader's size, and sets its
     * timestamp. Returns false at the end of the stream.
     *
     * @throws MediaException when decoding fails or the file is truncated
     */
    public boolean read(RgbFrame into) {
        return reader.read(into);
    }

    /** Decodes the next frame into a new {@link RgbFrame}; null at the end of the stream. */
    public RgbFrame read() {
        RgbFrame frame = new RgbFrame(width(), height());
        return read(frame) ? frame : null;
    }

    @Override
    public void close() {
        reader.close();
    }
}
