package dev.signstream.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * How session state is kept between chunks: decoded in memory (up to a byte budget per instance),
 * durable in the session store, and written to the store's changelog at most once per session per
 * commit interval (the store's record cache keeps only the latest value until the commit).
 *
 * @param commitInterval the exactly-once commit interval ({@code commit.interval.ms}): a session's
 *     state reaches the changelog at most once per interval, and words become readable by
 *     {@code read_committed} consumers (the sink) when the transaction commits, so this is also
 *     the most a word waits after its emission
 * @param decodedStateBytes the most bytes of decoded (fp32) session states one instance keeps in
 *     memory; sessions beyond it are decoded from the store on their next chunk
 */
public record StateKeeping(Duration commitInterval, long decodedStateBytes) {

    /** 1 s: at 15 fps and chunks of 8 (1.9 chunks a second) a session's state is written about once a second. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** 256 MiB: about 1,300 sessions of the small model (196 KB decoded), about 90 of A0 (2.9 MB). */
    public static final long DEFAULT_DECODED_STATE_BYTES = 256L * 1024 * 1024;

    public StateKeeping {
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, not " + commitInterval);
        }
        if (decodedStateBytes < 0) {
            throw new IllegalArgumentException("the decoded state memory must not be negative, not "
                    + decodedStateBytes + " bytes");
        }
    }

    /** A 1 s commit interval and 256 MiB of decoded states. */
    public static StateKeeping defaults() {
        return new StateKeeping(DEFAULT_COMMIT_INTERVAL, DEFAULT_DECODED_STATE_BYTES);
    }

    public StateKeeping withCommitInterval(Duration interval) {
        return new StateKeeping(interval, decodedStateBytes);
    }

    public StateKeeping withDecodedStateBytes(long bytes) {
        return new StateKeeping(commitInterval, bytes);
    }
}
