package dev.signstream.media;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Function;

/**
 * A JavaCV grabber or recorder closed at most once: its {@code close()} stops it (a recorder writes
 * its trailer) and releases its native side, and a failure becomes a {@link MediaException} that
 * names the video. Readers and writers close through this so that closing twice is harmless.
 */
final class CloseOnce {

    private final Closeable ffmpeg;
    private boolean closed;

    CloseOnce(Closeable ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Closes it unless it already was.
     *
     * @param failure the exception to throw when closing fails (it may clean up first)
     * @return true when this call closed it, false when it was already closed
     */
    boolean close(Function<IOException, MediaException> failure) {
        if (closed) {
            return false;
        }
        closed = true;
        try {
            ffmpeg.close();
        } catch (IOException e) {
            throw failure.apply(e);
        }
        return true;
    }
}
