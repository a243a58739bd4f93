package dev.signstream.sink.format;

import java.time.Duration;
import java.util.Objects;

/**
 * Readability rules every caption format follows.
 *
 * @param maxLineChars characters (code points, spaces included) a line may hold; a cue has at most
 *     {@value #MAX_LINES} lines, and a longer sentence becomes several cues
 * @param readingSpeed characters per second a viewer reads: a cue stays up at least its characters
 *     divided by this
 * @param minDisplay the shortest time any cue stays up
 */
public record LayoutRules(int maxLineChars, double readingSpeed, Duration minDisplay) {

    /** Lines per cue (the two-line rule of broadcast subtitles). */
    public static final int MAX_LINES = 2;
    /** Default characters per line: the common limit for Korean subtitles. */
    public static final int DEFAULT_MAX_LINE_CHARS = 16;
    /** Default reading speed, characters per second (adult Korean subtitles). */
    public static final double DEFAULT_READING_SPEED = 12.0;
    /** Default shortest display. */
    public static final Duration DEFAULT_MIN_DISPLAY = Duration.ofMillis(1500);

    public LayoutRules {
        Objects.requireNonNull(minDisplay, "minDisplay");
        if (maxLineChars < 4 || maxLineChars > 200) {
            throw new IllegalArgumentException("max line chars (characters per caption line) must be 4-200, not " + maxLineChars);
        }
        if (!(readingSpeed >= 1 && readingSpeed <= 100)) {
            throw new IllegalArgumentException("the reading speed must be 1-100 characters per second, not " + readingSpeed);
        }
        if (minDisplay.isNegative() || minDisplay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("the minimum display must be 0-10 s, not " + minDisplay);
        }
    }

    /** 16 characters per line, 12 characters per second, at least 1.5 s. */
    public static LayoutRules defaults() {
        return new LayoutRules(DEFAULT_MAX_LINE_CHARS, DEFAULT_READING_SPEED, DEFAULT_MIN_DISPLAY);
    }

    /** How long {@code chars} characters must stay up, in microseconds. */
    public long displayUs(int chars) {
        long reading = (long) Math.ceil(chars * 1_000_000.0 / readingSpeed);
        return Math.max(minDisplay.toNanos() / 1000, reading);
    }
}
