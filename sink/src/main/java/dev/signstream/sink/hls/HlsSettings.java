package dev.signstream.sink.hls;

import java.time.Duration;
import java.util.Objects;

/**
 * The live HLS subtitle rendition.
 *
 * @param segment the longest segment and the grid segments are cut on (the playlist's target
 *     duration, rounded up to whole seconds)
 * @param playlistSegments segments the sliding-window playlist lists
 * @param hold how long past a grid point the segment before it waits before it is cut there (a
 *     sign underway at that moment may still arrive as a word); an open sentence that started
 *     before the grid point holds the cut one segment and this long at most
 * @param timeline how capture time maps onto the programme's timestamps
 */
public record HlsSettings(Duration segment, int playlistSegments, Duration hold, Timeline timeline) {

    /** Default segment duration. */
    public static final Duration DEFAULT_SEGMENT = Duration.ofSeconds(6);
    /** Default playlist length, in segments. */
    public static final int DEFAULT_PLAYLIST_SEGMENTS = 10;
    /** Default hold. */
    public static final Duration DEFAULT_HOLD = Duration.ofMillis(1500);
    /**
     * How long past a deadline the periodic check waits before it publishes a segment on its own
     * clock: a record emitted just before the deadline has this long to be committed and read.
     */
    static final Duration SETTLE = Duration.ofMillis(300);

    public HlsSettings {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(timeline, "timeline");
        if (segment.compareTo(Duration.ofSeconds(1)) < 0 || segment.compareTo(Duration.ofSeconds(60)) > 0
                || segment.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the HLS segment must be 1-60 s in whole milliseconds, not " + segment);
        }
        if (playlistSegments < 3 || playlistSegments > 1000) {
            throw new IllegalArgumentException("HLS playlist segments must be 3-1000, not " + playlistSegments);
        }
        if (hold.isNegative() || hold.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("the HLS hold must be 0-60 s, not " + hold);
        }
    }

    /** 6 s segments, 10 in the playlist, 1.5 s hold, the capture clock. */
    public static HlsSettings defaults() {
        return new HlsSettings(DEFAULT_SEGMENT, DEFAULT_PLAYLIST_SEGMENTS, DEFAULT_HOLD, Timeline.captureClock());
    }

    /** {@code EXT-X-TARGETDURATION}: the segment duration rounded up to whole seconds. */
    public int targetDurationSeconds() {
        return (int) ((segment.toMillis() + 999) / 1000);
    }

    long segmentUs() {
        return segment.toNanos() / 1000;
    }

    long holdUs() {
        return hold.toNanos() / 1000;
    }
}
