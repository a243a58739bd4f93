package dev.signstream.sink.hls;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How capture time maps onto the programme's timeline, the one the video's MPEG-TS timestamps
 * count: programme time = capture time - origin + offset. With the defaults (origin and offset 0)
 * the programme runs on the capture clock itself, as an encoder that stamps its video with the
 * wall clock does; an operator whose encoder started its timestamps at 0 at 09:00 gives that
 * instant as the origin, and an offset shifts everything by a fixed delay.
 *
 * @param originUs capture time (epoch micros) that is programme time 0
 * @param offsetUs added to every programme time (may be negative)
 */
public record Timeline(long originUs, long offsetUs) {

    /** The MPEG-TS clock: 90 kHz, 33 bits. */
    static final long MPEGTS_WRAP = 1L << 33;

    /** The origin setting that keeps the capture clock (programme time = capture time). */
    public static final String CAPTURE_CLOCK = "capture";

    /** The capture clock: programme time = capture time. */
    public static Timeline captureClock() {
        return new Timeline(0, 0);
    }

    /**
     * Parses the operator's setting.
     *
     * @param origin {@code capture}, an ISO-8601 instant ({@code 2026-03-01T09:00:00Z}) or epoch
     *     milliseconds
     * @param offset added to programme times
     */
    public static Timeline parse(String origin, Duration offset) {
        long offsetUs = offset.toNanos() / 1000;
        String value = origin == null ? "" : origin.strip();
        if (value.equalsIgnoreCase(CAPTURE_CLOCK)) {
            return new Timeline(0, offsetUs);
        }
        try {
            if (value.matches("\\d{1,15}")) {
                return new Timeline(Math.multiplyExact(Long.parseLong(value), 1000L), offsetUs);
            }
            Instant instant = Instant.parse(value);
            return new Timeline(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1000), offsetUs);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("the HLS origin must be 'capture', an ISO-8601 instant"
                    + " (2026-03-01T09:00:00Z) or epoch milliseconds, not '" + origin + "'");
        }
    }

    /** Programme time (micros) of a capture time. */
    public long programmeUs(long captureUs) {
        return captureUs - originUs + offsetUs;
    }

    /** Capture time (epoch micros) of a programme time. */
    public long captureUs(long programmeUs) {
        return programmeUs + originUs - offsetUs;
    }

    /** The MPEG-TS timestamp (90 kHz, modulo 2^33) of a programme time. */
    public static long mpegTs(long programmeUs) {
        return Math.floorMod(Math.floorDiv(programmeUs * 9, 100), MPEGTS_WRAP);
    }
}
