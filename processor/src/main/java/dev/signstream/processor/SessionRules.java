package dev.signstream.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * How sessions are kept and ended.
 *
 * @param idleTimeout a session with no chunk for this long (wall clock) is ended as if its last
 *     chunk had come: abandoned cameras must not keep state forever
 * @param punctuateInterval how often the idle check runs
 * @param endedRetention how long the end marker of an ended session is kept, so that replayed
 *     chunks of it are recognised as duplicates rather than starting a new session
 * @param maxFramesPerChunk chunks with more frames are refused (dead letter)
 */
public record SessionRules(Duration idleTimeout, Duration punctuateInterval, Duration endedRetention,
                           int maxFramesPerChunk) {

    /** A session with no chunk for 30 s (wall clock) is ended. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public SessionRules {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(punctuateInterval, "punctuateInterval");
        Objects.requireNonNull(endedRetention, "endedRetention");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, not " + idleTimeout);
        }
        if (punctuateInterval.isNegative() || punctuateInterval.isZero()) {
            throw new IllegalArgumentException("the punctuate interval must be positive, not " + punctuateInterval);
        }
        if (maxFramesPerChunk < 1) {
            throw new IllegalArgumentException("max frames per chunk must be >= 1, not " + maxFramesPerChunk);
        }
    }

    /** 30 s idle timeout checked every 5 s; end markers kept 10 min; up to 64 frames a chunk. */
    public static SessionRules defaults() {
        return new SessionRules(DEFAULT_IDLE_TIMEOUT, Duration.ofSeconds(5), Duration.ofMinutes(10), 64);
    }

    public SessionRules withIdleTimeout(Duration timeout) {
        return new SessionRules(timeout, punctuateInterval, endedRetention, maxFramesPerChunk);
    }

    public SessionRules withPunctuateInterval(Duration interval) {
        return new SessionRules(idleTimeout, interval, endedRetention, maxFramesPerChunk);
    }
}
