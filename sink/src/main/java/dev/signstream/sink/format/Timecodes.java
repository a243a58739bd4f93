package dev.signstream.sink.format;

import java.util.Locale;

/** Clock times of caption formats, from microseconds: {@code hh:mm:ss.mmm} (hours grow past two digits). */
final class Timecodes {

    private Timecodes() {
    }

    /** {@code hh:mm:ss.mmm}: WebVTT and TTML clock time. */
    static String dotted(long micros) {
        return format(micros, '.');
    }

    /** {@code hh:mm:ss,mmm}: SubRip. */
    static String comma(long micros) {
        return format(micros, ',');
    }

    private static String format(long micros, char separator) {
        if (micros < 0) {
            throw new IllegalArgumentException("a caption time cannot be negative: " + micros + " us");
        }
        long millis = micros / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}
