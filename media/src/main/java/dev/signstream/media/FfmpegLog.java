package dev.signstream.media;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints stream banners for every file it opens straight to stderr. Only errors are kept;
 * failures still surface as {@link MediaException}s with FFmpeg's message.
 */
final class FfmpegLog {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private FfmpegLog() {
    }

    /** Loads this class, which sets the log level once. */
    static void errorsOnly() {
        // the static initialiser does the work
    }
}
