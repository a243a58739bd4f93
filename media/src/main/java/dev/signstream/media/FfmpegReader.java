package dev.signstream.media;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The one place SignStream reads video through FFmpeg: it opens a source with JavaCV's grabber,
 * probes its size and display matrix, has FFmpeg scale every frame to RGB24, copies a window of
 * each frame out row by row, turns it upright, reports a file that ends before the video its index
 * declares, and closes. {@link VideoInput} (cover-cropped squares from files, devices and streams)
 * and {@link VideoReader} (whole files at an exact size) each choose the window. Not thread-safe.
 */
final class FfmpegReader implements AutoCloseable {

    /**
     * What FFmpeg scales every stored frame to, and the part of the scaled frame that is read out
     * (before it is turned upright).
     */
    record Window(int scaledWidth, int scaledHeight, int left, int top, int width, int height) {

        Window {
            if (width <= 0 || height <= 0 || left < 0 || top < 0 || left + width > scaledWidth
                    || top + height > scaledHeight) {
                throw new IllegalArgumentException("window " + width + "x" + height + " at " + left + "," + top
                        + " does not fit a scaled frame of " + scaledWidth + "x" + scaledHeight);
            }
        }

        /** The whole frame, scaled to {@code width x height}. */
        static Window whole(int width, int height) {
            return new Window(width, height, 0, 0, width, height);
        }

        /** The centre square of a cover-scaled frame. */
        static Window of(CoverCrop crop) {
            return new Window(crop.scaledWidth(), crop.scaledHeight(), crop.left(), crop.top(), crop.size(),
                    crop.size());
        }
    }

    private final String what;
    private final boolean file;
    private final FFmpegFrameGrabber grabber;
    private final int storedWidth;
    private final int storedHeight;
    private final Orientation orientation;
    private Window window;
    /** The window as stored, before it is turned; null when nothing is turned. */
    private byte[] unturned;
    private final CloseOnce closing;
    private int framesRead;
    private long firstTimestampUs;
    private long lastTimestampUs;

    private FfmpegReader(String what, boolean file, FFmpegFrameGrabber grabber, int storedWidth, int storedHeight,
                         Orientation orientation) {
        this.what = what;
        this.file = file;
        this.grabber = grabber;
        this.storedWidth = storedWidth;
        this.storedHeight = storedHeight;
        this.orientation = orientation;
        this.closing = new CloseOnce(grabber);
        scaleTo(Window.whole(storedWidth, storedHeight));
    }

    /**
     * Opens a source and probes it; frames come at the stored size until {@link #scaleTo} says otherwise.
     *
     * @param timeout how long a network source may take to answer any one request
     * @throws MediaException naming the source when it cannot be opened or has no video
     */
    static FfmpegReader open(VideoInput.Kind kind, String location, Duration timeout) {
        String what = VideoInput.describe(kind, location);
        SourceAccess.checkReachable(kind, location, what);
        FfmpegLog.errorsOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.setVideoOption("threads", "1");
        SourceAccess.configure(grabber, kind, location, timeout);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            releaseAfterFailure(grabber, e);
            throw new MediaException("cannot open " + what + ": " + FfmpegErrors.reason(e), e);
        }
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        if (!grabber.hasVideo() || width <= 0 || height <= 0) {
            MediaException failure = new MediaException("no video stream in " + what);
            releaseAfterFailure(grabber, failure);
            throw failure;
        }
        return new FfmpegReader(what, kind == VideoInput.Kind.FILE, grabber, width, height,
                Orientation.of(grabber.getDisplayRotation()));
    }

    /** Opens a video file (a file has no network timeout to set). */
    static FfmpegReader openFile(String location) {
        return open(VideoInput.Kind.FILE, location, Duration.ZERO);
    }

    /** Sets the scaled size and the window read out of it (for every following frame). */
    void scaleTo(Window window) {
        // The grabber re-reads the output size for every frame, so it can be set after probing.
        grabber.setImageWidth(window.scaledWidth());
        grabber.setImageHeight(window.scaledHeight());
        this.window = window;
        this.unturned = orientation.turns() == 0 ? null : new byte[window.width() * window.height() * 3];
    }

    /** The source, for messages: "video file clip.mp4", "stream rtsp://***@host/x". */
    String what() {
        return what;
    }

    int storedWidth() {
        return storedWidth;
    }

    int storedHeight() {
        return storedHeight;
    }

    /** How the stored frames are turned to be shown upright (the display matrix). */
    Orientation orientation() {
        return orientation;
    }

    /** Width of the frames {@link #read} gives: the window's, turned upright. */
    int shownWidth() {
        return orientation.sideways() ? window.height() : window.width();
    }

    /** Height of the frames {@link #read} gives: the window's, turned upright. */
    int shownHeight() {
        return orientation.sideways() ? window.width() : window.height();
    }

    /** The frame rate the source declares (0 when it does not say). */
    double declaredFps() {
        double fps = grabber.getFrameRate();
        return Double.isFinite(fps) && fps > 0 ? fps : 0;
    }

    /** The number of frames the container declares; an estimate for some formats. */
    int declaredFrames() {
        return grabber.getLengthInVideoFrames();
    }

    int framesRead() {
        return framesRead;
    }

    /**
     * Decodes the next frame's window into {@code into} (of the {@link #shownWidth} and
     * {@link #shownHeight}), upright, and sets its timestamp to the presentation time in
     * microseconds. Returns false at the end of the stream.
     *
     * @throws MediaException when decoding fails, a network source stops answering, or a file ends
     *     before the video its index declares (a truncated file: how far it got, of how long)
     */
    boolean read(RgbFrame into) {
        if (into.width() != shownWidth() || into.height() != shownHeight()) {
            throw new IllegalArgumentException("target frame is " + into.width() + "x" + into.height()
                    + " but " + what + " gives " + shownWidth() + "x" + shownHeight());
        }
        if (closing.closed()) {
            throw new IllegalStateException(what + " is closed");
        }
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("reading frame " + framesRead + " of " + what + " failed" + progress() + ": "
                    + FfmpegErrors.reason(e), e);
        }
        if (frame == null) {
            if (file) {
                VideoLength.of(grabber).checkReached(what, framesRead, reachedUs());
            }
            return false;
        }
        if (unturned == null) {
            copyWindow(frame, into.pixels());
        } else {
            copyWindow(frame, unturned);
            orientation.turn(unturned, window.width(), window.height(), into.pixels());
        }
        into.setTimestampMicros(frame.timestamp);
        if (framesRead == 0) {
            firstTimestampUs = frame.timestamp;
        }
        lastTimestampUs = frame.timestamp;
        framesRead++;
        return true;
    }

    /** Video read so far: first to last frame, plus the last frame's own duration. */
    private long reachedUs() {
        if (framesRead == 0) {
            return 0;
        }
        double fps = declaredFps();
        return lastTimestampUs - firstTimestampUs + (fps > 0 ? Math.round(1e6 / fps) : 0);
    }

    /** " after 29 frames (1.93 s)", for messages. */
    private String progress() {
        return String.format(Locale.ROOT, " after %d frame%s (%.2f s)", framesRead, framesRead == 1 ? "" : "s",
                reachedUs() / 1e6);
    }

    /** Copies the window out of the scaled frame, row by row (FFmpeg pads rows). */
    private void copyWindow(Frame frame, byte[] target) {
        // The grabber delivers RGB24. Its imageChannels is the row stride over the width, so a narrow
        // frame with a padded row (85 px scaled from 320x240 to 64 high: 255 bytes in a longer row)
        // reads as 4 channels: check the stride instead.
        if (frame.imageWidth != window.scaledWidth() || frame.imageHeight != window.scaledHeight()
                || frame.imageStride < window.scaledWidth() * 3) {
            throw new MediaException("decoder returned " + frame.imageWidth + "x" + frame.imageHeight + " (row stride "
                    + frame.imageStride + ") for " + what + ", expected " + window.scaledWidth() + "x"
                    + window.scaledHeight() + " RGB24 (did the stream change size?)");
        }
        ByteBuffer source = (ByteBuffer) frame.image[0];
        int rowBytes = window.width() * 3;
        int offset = window.top() * frame.imageStride + window.left() * 3;
        for (int row = 0; row < window.height(); row++) {
            source.get(offset + row * frame.imageStride, target, row * rowBytes, rowBytes);
        }
    }

    @Override
    public void close() {
        closing.close(e -> new MediaException("closing " + what + " failed: " + FfmpegErrors.reason(e), e));
    }

    private static void releaseAfterFailure(FFmpegFrameGrabber grabber, Exception primary) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            primary.addSuppressed(e);
        }
    }
}
