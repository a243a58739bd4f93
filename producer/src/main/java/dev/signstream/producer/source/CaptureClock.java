package dev.signstream.producer.source;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a source's presentation timestamps to capture times in epoch microseconds, strictly
 * increasing, which is what chunks carry and everything downstream treats as event time.
 *
 * <ul>
 *   <li>Files: frame 0 is "captured" when the file is opened and later frames keep the file's
 *   own spacing, so a variable-frame-rate file keeps its timing. With {@code --loop} each pass
 *   continues one frame interval after the previous pass.</li>
 *   <li>Live sources: anchored to the wall clock at the first frame, then the source's own
 *   spacing (steadier than the time a frame happens to reach us). If the two drift apart by more
 *   than the allowed skew (a reconnect, a timestamp wrap) the clock re-anchors and says so.</li>
 * </ul>
 * Not thread-safe: the capture thread owns it.
 */
public final class CaptureClock {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureClock.class);

    private final String source;
    private final LongSupplier wallClockMicros;
    private final boolean live;
    private final long maxSkewMicros;
    private final long passGapMicros;
    private long offset;
    private long last = Long.MIN_VALUE;
    private boolean anchored;

    private CaptureClock(String source, LongSupplier wallClockMicros, boolean live, long maxSkewMicros,
                         long passGapMicros) {
        this.source = source;
        this.wallClockMicros = wallClockMicros;
        this.live = live;
        this.maxSkewMicros = maxSkewMicros;
        this.passGapMicros = passGapMicros;
    }

    /**
     * A clock for a file, anchored when the first frame is seen.
     *
     * @param passGapMicros time between the last frame of one {@code --loop} pass and the first of the next
     */
    public static CaptureClock forFile(String source, LongSupplier wallClockMicros, long passGapMicros) {
        return new CaptureClock(source, wallClockMicros, false, Long.MAX_VALUE, passGapMicros);
    }

    /** A clock for a live source that may drift from the wall clock by at most {@code maxSkewMicros}. */
    public static CaptureClock forLive(String source, LongSupplier wallClockMicros, long maxSkewMicros) {
        return new CaptureClock(source, wallClockMicros, true, maxSkewMicros, 0);
    }

    /** The wall clock in epoch microseconds (millisecond resolution is enough for anchoring). */
    public static long systemMicros() {
        return System.currentTimeMillis() * 1000;
    }

    /** The capture time of a frame with this presentation timestamp. */
    public long captureMicros(long ptsMicros) {
        if (!anchored) {
            long base = last == Long.MIN_VALUE ? wallClockMicros.getAsLong() : last + passGapMicros;
            offset = base - ptsMicros;
            anchored = true;
        }
        long capture = offset + ptsMicros;
        if (live) {
            long now = wallClockMicros.getAsLong();
            if (Math.abs(capture - now) > maxSkewMicros) {
                LOG.warn("{}: frame timestamps drifted {} ms from the wall clock; re-anchoring", source,
                        (capture - now) / 1000);
                offset = now - ptsMicros;
                capture = now;
            }
        }
        if (capture <= last) {
            // Repeated or reordered timestamps (broken files, B-frame quirks): keep time moving.
            LOG.debug("{}: timestamp {} us did not increase; using {}", source, capture, last + 1);
            capture = last + 1;
        }
        last = capture;
        return capture;
    }

    /** The next frame starts a new pass over the same file (a looping source). */
    public void startNextPass() {
        anchored = false;
    }
}
