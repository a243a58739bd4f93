package dev.signstream.media;

import java.time.Duration;

/**
 * A video source for the model: a file, a V4L2 camera or a network stream (RTSP, HTTP, HLS),
 * decoded by FFmpeg ({@link FfmpegReader}), scaled inside FFmpeg so the short side matches the
 * model size and centre-cropped to a square ({@link CoverCrop}) while the rows are copied out.
 * Frames come upright (the display matrix applied) with their presentation timestamp in
 * microseconds as FFmpeg reports it.
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
    private final FfmpegReader reader;
    private final CoverCrop crop;

    private VideoInput(Kind kind, FfmpegReader reader, CoverCrop crop) {
        this.kind = kind;
        this.reader = reader;
        this.crop = crop;
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
        FfmpegReader reader = FfmpegReader.open(kind, location, timeout);
        // A rotated video (a phone held upright) stores its frames sideways and says how to turn
        // them; the centre square of the turned frame is the turned centre square, so the crop is
        // taken from the stored frame and turned last.
        CoverCrop crop = CoverCrop.of(reader.storedWidth(), reader.storedHeight(), size);
        reader.scaleTo(FfmpegReader.Window.of(crop));
        return new VideoInput(kind, reader, crop);
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

    /** Width of the source as it is shown (after its display rotation). */
    public int sourceWidth() {
        return reader.orientation().sideways() ? reader.storedHeight() : reader.storedWidth();
    }

    /** Height of the source as it is shown (after its display rotation). */
    public int sourceHeight() {
        return reader.orientation().sideways() ? reader.storedWidth() : reader.storedHeight();
    }

    /** How the stored frames are turned to be shown upright (the display matrix). */
    public Orientation orientation() {
        return reader.orientation();
    }

    /** The scaling and crop applied to every (stored) frame. */
    public CoverCrop crop() {
        return crop;
    }

    /** The frame rate the source declares (0 when it does not say). */
    public double declaredFps() {
        return reader.declaredFps();
    }

    public int framesRead() {
        return reader.framesRead();
    }

    /**
     * Decodes the next frame into {@code into} ({@link #size()} square, upright) and sets its
     * timestamp to the presentation time in microseconds. Returns false at the end of the stream.
     *
     * @throws MediaException when decoding fails, a network source stops answering, or a file ends
     *     before the video its index declares (a truncated file: how far it got, of how long)
     */
    public boolean read(RgbFrame into) {
        return reader.read(into);
    }

    @Override
    public void close() {
        reader.close();
    }
}
