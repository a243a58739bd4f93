package dev.signstream.media;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video source for the model: a file, a V4L2 camera or a network stream (RTSP, HTTP, HLS),
 * decoded by FFmpeg, scaled inside FFmpeg so the short side matches the model size and
 * centre-cropped to a square ({@link CoverCrop}) while the rows are copied out. Frames come with
 * their presentation timestamp in microseconds as FFmpeg reports it.
 *
 * <p>Network sources get FFmpeg's socket and read/write timeouts, so a dead or silent server
 * fails {@link #open} (or a later {@link #read}) instead of hanging. Not thread-safe: one thread
 * opens, reads and closes an input.
 */
public final class VideoInput implements AutoCloseable {

    /** Where the video comes from. */
    public enum Kind {
        /** A video file FFmpeg can demux (mp4, mkv, avi, webm, ...). */
        FILE,
        /** A Video4Linux2 capture device such as {@code /dev/video0}. */
        DEVICE,
        /** A network stream: rtsp://, rtmp://, http(s):// (progressive or HLS), udp://, srt://. */
        URL;

        /** True for sources that deliver frames in real time and cannot be slowed down. */
        public boolean live() {
            return this != FILE;
        }
    }

    private final Kind kind;
    private final String location;
    private final FFmpegFrameGrabber grabber;
    private final CoverCrop crop;
    private final int sourceWidth;
    private final int sourceHeight;
    private int framesRead;
    private boolean closed;

    private VideoInput(Kind kind, String location, FFmpegFrameGrabber grabber, CoverCrop crop,
                       int sourceWidth, int sourceHeight) {
        this.kind = kind;
        this.location = location;
        this.grabber = grabber;
        this.crop = crop;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
    }

    /**
     * Opens a source.
     *
     * @param kind     file, device or URL
     * @param location the path, device node or URL
     * @param size     side of the square frames {@link #read} returns
     * @param timeout  how long a network source may take to answer any one request; files and
     *                 devices fail at once when missing
     * @throws MediaException naming the source when it cannot be opened or has no video
     */
    public static VideoInput open(Kind kind, String location, int size, Duration timeout) {
        if (size <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + size);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String what = describe(kind, location);
        checkReachable(kind, location, what);
        FfmpegLog.errorsOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        grabber.setVideoOption("threads", "1");
        configure(grabber, kind, location, timeout);
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
        CoverCrop crop = CoverCrop.of(width, height, size);
        // The grabber re-reads the output size for every frame, so it can be set after probing.
        grabber.setImageWidth(crop.scaledWidth());
        grabber.setImageHeight(crop.scaledHeight());
        return new VideoInput(kind, location, grabber, crop, width, height);
    }

    private static void checkReachable(Kind kind, String location, String what) {
        if (kind == Kind.URL) {
            if (!location.matches("(?i)[a-z][a-z0-9+.-]*://.+")) {
                throw new MediaException("not a URL: " + what + " (expected e.g. rtsp://host/stream)");
            }
            return;
        }
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            throw new MediaException(what + " does not exist");
        }
        if (kind == Kind.FILE && !Files.isRegularFile(path)) {
            throw new MediaException(what + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new MediaException(what + " is not readable (permissions)");
        }
    }

    private static void configure(FFmpegFrameGrabber grabber, Kind kind, String location, Duration timeout) {
        String micros = String.valueOf(timeout.toNanos() / 1000);
        switch (kind) {
            case DEVICE -> grabber.setFormat("video4linux2");
            case URL -> {
                // rw_timeout bounds every read of any protocol; timeout is the socket timeout of
                // tcp, http and rtsp (both in microseconds).
                grabber.setOption("rw_timeout", micros);
                grabber.setOption("timeout", micros);
                if (location.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
                    // UDP transport silently loses packets behind NAT and firewalls.
                    grabber.setOption("rtsp_transport", "tcp");
                }
            }
            case FILE -> {
                // nothing to add
            }
        }
    }

    /** A human description with any password in a URL hidden, for messages and logs. */
    public static String describe(Kind kind, String location) {
        return switch (kind) {
            case FILE -> "video file " + location;
            case DEVICE -> "video device " + location;
            case URL -> "stream " + redact(location);
        };
    }

    /** The URL without the user-info part ({@code rtsp://user:secret@host/x} -> {@code rtsp://***@host/x}). */
    public static String redact(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
    }

    public Kind kind() {
        return kind;
    }

    /** Side of the square frames {@link #read} returns. */
    public int size() {
        return crop.size();
    }

    public int sourceWidth() {
        return sourceWidth;
    }

    public int sourceHeight() {
        return sourceHeight;
    }

    /** The scaling and crop applied to every frame. */
    public CoverCrop crop() {
        return crop;
    }

    /** The frame rate the source declares (0 when it does not say). */
    public double declaredFps() {
        double fps = grabber.getFrameRate();
        return Double.isFinite(fps) && fps > 0 ? fps : 0;
    }

    public int framesRead() {
        return framesRead;
    }

    /**
     * Decodes the next frame into {@code into} ({@link #size()} square) and sets its timestamp to
     * the presentation time in microseconds. Returns false at the end of the stream.
     *
     * @throws MediaException when decoding fails or a network source stops answering
     */
    public boolean read(RgbFrame into) {
        if (into.width() != crop.size() || into.height() != crop.size()) {
            throw new IllegalArgumentException("target frame is " + into.width() + "x" + into.height()
                    + " but this input gives " + crop.size() + "x" + crop.size());
        }
        if (closed) {
            throw new IllegalStateException(describe(kind, location) + " is closed");
        }
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("reading frame " + framesRead + " of " + describe(kind, location)
                    + " failed: " + FfmpegErrors.reason(e), e);
        }
        if (frame == null) {
            return false;
        }
        copyCrop(frame, into.pixels());
        into.setTimestampMicros(frame.timestamp);
        framesRead++;
        return true;
    }

    /** Copies the centre square out of the scaled frame, row by row (FFmpeg pads rows). */
    private void copyCrop(Frame frame, byte[] target) {
        // The grabber delivers RGB24. Its imageChannels is the row stride over the width, so a narrow
        // frame with a padded row (85 px scaled from 320x240 to 64 high: 255 bytes in a longer row)
        // reads as 4 channels: check the stride instead.
        if (frame.imageWidth != crop.scaledWidth() || frame.imageHeight != crop.scaledHeight()
                || frame.imageStride < crop.scaledWidth() * 3) {
            throw new MediaException("decoder returned " + frame.imageWidth + "x" + frame.imageHeight + " (row stride "
                    + frame.imageStride + ") for " + describe(kind, location) + ", expected "
                    + crop.scaledWidth() + "x" + crop.scaledHeight() + " RGB24 (did the stream change size?)");
        }
        ByteBuffer source = (ByteBuffer) frame.image[0];
        int rowBytes = crop.size() * 3;
        int offset = crop.top() * frame.imageStride + crop.left() * 3;
        for (int row = 0; row < crop.size(); row++) {
            source.get(offset + row * frame.imageStride, target, row * rowBytes, rowBytes);
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
            throw new MediaException("closing " + describe(kind, location) + " failed: " + FfmpegErrors.reason(e), e);
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
