package dev.signstream.app;

import java.time.Duration;
import picocli.CommandLine;

/** A duration that may be negative: {@code -2s}, {@code 1.5s}, ... (as {@link DurationConverter} reads them). */
final class SignedDurationConverter implements CommandLine.ITypeConverter<Duration> {

    private final DurationConverter unsigned = new DurationConverter();

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        return text.startsWith("-") ? unsigned.convert(text.substring(1)).negated() : unsigned.convert(text);
    }
}
