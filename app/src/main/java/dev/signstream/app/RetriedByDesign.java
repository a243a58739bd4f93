package dev.signstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps out of a normal run the Kafka producer's warnings about errors it retries by design and a
 * user cannot act on: {@code CONCURRENT_TRANSACTIONS} (an exactly-once producer starting its next
 * transaction while the coordinator still completes the last one: the client backs off and
 * retries). They stay visible at DEBUG ({@code SIGNSTREAM_LOG_LEVEL} does not reach them; set the
 * logger {@code org.apache.kafka.clients.producer} to DEBUG in a logback file to see them).
 */
public final class RetriedByDesign extends TurboFilter {

    private static final String RETRIED = "CONCURRENT_TRANSACTIONS";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || logger == null || !logger.getName().startsWith("org.apache.kafka.clients.producer")) {
            return FilterReply.NEUTRAL;
        }
        if (format != null && format.contains(RETRIED)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param != null && String.valueOf(param).contains(RETRIED)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }
}
