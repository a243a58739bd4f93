package dev.signstream.sink.sentence;

import java.time.Duration;
import java.util.Objects;

/**
 * How sentences are cut.
 *
 * @param gap a word starting more than this after the previous word's end starts a new sentence
 *     (event time)
 * @param grace how far stream time must pass beyond end + gap before a quiet sentence is closed
 *     without a word of its own session
 * @param idleTimeout wall-clock fallback: a sentence with no word for this long is closed
 * @param sessionRetention the state of a session that ended or went quiet is forgotten after this
 *     much wall time without a word (duplicates of its words are recognised until then)
 */
public record SentenceSettings(Duration gap, Duration grace, Duration idleTimeout, Duration sessionRetention) {

    /** Default inactivity gap between sentences. */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(1500);
    /** Default stream-time grace. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);
    /** Default wall-clock idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** Default retention of a quiet session's state. */
    public static final Duration DEFAULT_SESSION_RETENTION = Duration.ofHours(1);

    public SentenceSettings {
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(sessionRetention, "sessionRetention");
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("the sentence gap must be positive, not " + gap);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the sentence grace must not be negative, not " + grace);
        }
        if (idleTimeout.compareTo(gap) < 0) {
            throw new IllegalArgumentException("the idle timeout (" + idleTimeout + ") must not be shorter than the sentence gap ("
                    + gap + ")");
        }
        if (sessionRetention.compareTo(idleTimeout) <= 0) {
            throw new IllegalArgumentException("the session retention (" + sessionRetention
                    + ") must be longer than the idle timeout (" + idleTimeout + ")");
        }
    }

    /** The defaults: 1.5 s gap, 1 s grace, 5 s idle timeout, 1 h retention. */
    public static SentenceSettings defaults() {
        return new SentenceSettings(DEFAULT_GAP, DEFAULT_GRACE, DEFAULT_IDLE_TIMEOUT, DEFAULT_SESSION_RETENTION);
    }
}
