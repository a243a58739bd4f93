package dev.signstream.media;

import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How much video a file says it holds (its index: the video stream's duration and frame count, or
 * the container's duration), so that a file that ends early is reported instead of passing for a
 * short one. FFmpeg only logs such a file ("partial file") and then reports a plain end of stream.
 *
 * @param durationUs the video's declared length, or 0 when the file does not say
 * @param frames     its declared frame count, or 0 when the file does not say
 */
record VideoLength(long durationUs, long frames) {

    /** Shorter than this (or two frames), a missing end counts as rounding. */
    private static final long TOLERANCE_US = 100_000;

    static VideoLength of(FFmpegFrameGrabber grabber) {
        AVFormatContext format = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        if (format == null || index < 0 || index >= format.nb_streams()) {
            return new VideoLength(0, 0);
        }
        AVStream stream = format.streams(index);
        long duration = 0;
        if (stream.duration() != avutil.AV_NOPTS_VALUE && stream.duration() > 0) {
            duration = Math.round(stream.duration() * avutil.av_q2d(stream.time_base()) * 1e6);
        } else if (format.duration() != avutil.AV_NOPTS_VALUE && format.duration() > 0) {
            duration = format.duration(); // AV_TIME_BASE is microseconds
        }
        return new VideoLength(duration, Math.max(0, stream.nb_frames()));
    }

    /**
     * Checks that the end of the stream is the end the file declares.
     *
     * @param what      the source, for the message
     * @param framesRead frames decoded
     * @param reachedUs video decoded, first to last frame plus one frame
     * @throws MediaException when the file ends early: how far it got, of how long
     */
    void checkReached(String what, int framesRead, long reachedUs) {
        if (durationUs <= 0) {
            return;
        }
        long frameUs = frames > 0 ? durationUs / frames : 0;
        long tolerance = Math.max(TOLERANCE_US, 2 * frameUs);
        if (reachedUs + tolerance >= durationUs) {
            return;
        }
        String count = frames > 0 ? framesRead + " of " + frames + " frames" : framesRead + " frames";
        throw new MediaException(String.format(Locale.ROOT,
                "%s is truncated: its video stops at %.2f s of the %.2f s it declares (%s); the rest of the file"
                        + " is missing", what, reachedUs / 1e6, durationUs / 1e6, count));
    }
}
