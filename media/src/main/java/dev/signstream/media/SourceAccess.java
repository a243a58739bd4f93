package dev.signstream.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What each kind of source needs before FFmpeg opens it: a check that fails at once, with a clear
 * reason, where FFmpeg would only say "No such file or directory"; and the demuxer's format and
 * options (a V4L2 device's format, a network stream's timeouts).
 */
final class SourceAccess {

    private SourceAccess() {
    }

    /** Fails unless the file or device exists and can be read, or the URL has a scheme. */
    static void checkReachable(VideoInput.Kind kind, String location, String what) {
        if (kind == VideoInput.Kind.URL) {
            if (!location.matches("(?i)[a-z][a-z0-9+.-]*://.+")) {
                throw new MediaException("not a URL: " + what + " (expected e.g. rtsp://host/stream)");
            }
            return;
        }
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            throw new MediaException(what + " does not exist");
        }
        if (kind == VideoInput.Kind.FILE && !Files.isRegularFile(path)) {
            throw new MediaException(what + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new MediaException(what + " is not readable (permissions)");
        }
    }

    /**
     * Sets the demuxer's format and options for the kind of source.
     *
     * @param timeout how long a network source may take to answer any one request (not read for
     *                files and devices)
     */
    static void configure(FFmpegFrameGrabber grabber, VideoInput.Kind kind, String location, Duration timeout) {
        switch (kind) {
            case DEVICE -> grabber.setFormat("video4linux2");
            case URL -> {
                // rw_timeout bounds every read of any protocol; timeout is the socket timeout of
                // tcp, http and rtsp (both in microseconds).
                String micros = String.valueOf(timeout.toNanos() / 1000);
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
}
