package dev.signstream.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads a point in time: an ISO instant or offset date-time ({@code 2025-06-01T12:00:00Z},
 * {@code 2025-06-01T21:00:00+09:00}), a local date-time or a date (in this machine's time zone).
 */
final class TimeConverter implements CommandLine.ITypeConverter<Instant> {

    private final ZoneId zone;

    TimeConverter() {
        this(ZoneId.systemDefault());
    }

    TimeConverter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not a time: use e.g. "
                            + "2025-06-01T12:00:00Z, 2025-06-01T21:00:00+09:00, 2025-06-01T12:00 or 2025-06-01");
                }
            }
        }
    }
}
