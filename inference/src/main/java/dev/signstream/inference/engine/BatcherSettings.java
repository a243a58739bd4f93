package dev.signstream.inference.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StreamBatcher} gathers concurrent steps.
 *
 * @param maxBatch most sessions in one ONNX call
 * @param maxWait  how long the first waiting step may wait for partners before its call runs; zero
 *                 takes whatever is queued at that moment (steps that queue while a call runs still
 *                 share the next one)
 * @param workers  threads running ONNX calls, each with its own predictor
 * @param maxQueue most steps waiting at once; callers block beyond it
 */
public record BatcherSettings(int maxBatch, Duration maxWait, int workers, int maxQueue) {

    public BatcherSettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be >= 1, not " + maxBatch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("batch workers must be >= 1, not " + workers);
        }
        if (maxQueue < maxBatch) {
            throw new IllegalArgumentException("the batch queue (" + maxQueue + ") must hold at least max batch ("
                    + maxBatch + ")");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative, not " + maxWait);
        }
    }

    /** Batches of up to {@code maxBatch}, no waiting, one worker. */
    public static BatcherSettings of(int maxBatch) {
        return new BatcherSettings(maxBatch, Duration.ZERO, 1, Math.max(64, 4 * maxBatch));
    }

    public BatcherSettings withMaxWait(Duration wait) {
        return new BatcherSettings(maxBatch, wait, workers, maxQueue);
    }

    public BatcherSettings withWorkers(int count) {
        return new BatcherSettings(maxBatch, maxWait, count, maxQueue);
    }
}
