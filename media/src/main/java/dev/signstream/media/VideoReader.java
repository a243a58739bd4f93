package dev.signstream.media;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the video stream of a file to packed RGB24 frames, scaled inside FFmpeg to a requested
 * size, with each frame's presentation timestamp in microseconds.
 *
 * <p>Decoding runs on one FFmpeg thread per reader: callers that want parallelism open several
 * readers. Not thread-safe.
 */
public final class VideoReader implements AutoCloseable {

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final int width;
    private final int height;
    private int framesRead;
    private boolean closed;

    private VideoReader(Path file, FFmpegFrameGrabber grabber, int width, int height) {
        this.file = file;
        this.grabber = grabber;
        this.width = width;
        this.height = height;
    }

    /**
     * Opens a video file.
     *
     * @param width  output width in pixels, or 0 to keep the stream's own size (then height must be 0)
     * @param height output height in pixels, or 0 to keep the stream's own size
     * @throws MediaException if the file is missing, has no video stream or cannot be decoded
     */
    public static VideoReader open(Path file, int width, int height) {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("output size must be both positive or both 0 (native), got "
                    + width + "x" + height);
        }
        if (!Files.isRegularFile(file)) {
            throw new MediaException("video file not found: " + file);
        }
        FfmpegLog.errorsOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.setVideoOption("threads", "1");
        if (width > 0) {
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            releaseAfterFailure(grabber, e);
            throw new MediaException("cannot open video " + file + ": " + e.getMessage(), e);
        }
        if (!grabber.hasVideo()) {
            MediaException failure = new MediaException("no video stream in " + file);
            releaseAfterFailure(grabber, failure);
            throw failure;
        }
        return new VideoReader(file, grabber, grabber.getImageWidth(), grabber.getImageHeight());
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
        return width;
    }

    public int height() {
        return height;
    }

    /** Frame rate the container declares (0 if unknown). */
    public double fps() {
        return grabber.getFrameRate();
    }

    /** Number of frames the container declares; an estimate for some formats. */
    public int declaredFrames() {
        return grabber.getLengthInVideoFrames();
    }

    public int framesRead() {
        return framesRead;
    }

    /**
     * Decodes the next frame into {@code into}, which must have this reader's size, and sets its
     * timestamp. Returns false at the end of the stream.
     */
    public boolean read(RgbFrame into) {
        if (into.width() != width || into.height() != height) {
            throw new IllegalArgumentException("target frame is " + into.width() + "x" + into.height()
                    + " but " + file + " decodes to " + width + "x" + height);
        }
        Frame frame = grabNext();
        if (frame == null) {
            return false;
        }
        copyRows(frame, into.pixels());
        into.setTimestampMicros(frame.timestamp);
        framesRead++;
        return true;
    }

    /** Decodes the next frame into a new {@link RgbFrame}; null at the end of the stream. */
    public RgbFrame read() {
        RgbFrame frame = new RgbFrame(width, height);
        return read(frame) ? frame : null;
    }

    private Frame grabNext() {
        if (closed) {
            throw new IllegalStateException("reader for " + file + " is closed");
        }
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("decoding frame " + framesRead + " of " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** FFmpeg pads rows (a 172-wide RGB24 row has a 576-byte stride), so copy row by row. */
    private void copyRows(Frame frame, byte[] target) {
        // imageChannels is the row stride over the width: padded rows of narrow frames read as 4
        if (frame.imageWidth != width || frame.imageHeight != height || frame.imageStride < width * 3) {
            throw new MediaException("decoder returned " + frame.imageWidth + "x" + frame.imageHeight + " (row stride "
                    + frame.imageStride + ") for " + file + ", expected " + width + "x" + height + " RGB24");
        }
        ByteBuffer source = (ByteBuffer) frame.image[0];
        int rowBytes = width * 3;
        for (int row = 0; row < height; row++) {
            source.get(row * frame.imageStride, target, row * rowBytes, rowBytes);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            grabber.stop();
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("closing the decoder of " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static void releaseAfterFailure(FFmpegFrameGrabber grabber, Exception primary) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            primary.addSuppressed(e);
        }
    }
}
