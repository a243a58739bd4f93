package dev.signstream.eval.replay;

import dev.signstream.inference.engine.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a replay evaluation runs.
 *
 * @param framesTopic   the stored frames topic
 * @param from          where the range starts (record timestamps), or empty for the topic's beginning
 * @param models        model folders, evaluated one after the other on the same range
 * @param streamThreads Kafka Streams threads of each replay (their steps share batched ONNX calls)
 * @param maxBatch      most sessions in one ONNX call
 * @param runtime       ONNX Runtime device and threads
 * @param keepTopics    keep each replay's words and dead-letter topics (and its changelogs and
 *                      consumer group) for inspection instead of deleting them at the end
 * @param stallTimeout  how long a replay may make no progress before it is abandoned with an error
 */
public record ReplayOptions(String framesTopic, Optional<Instant> from, List<Path> models, int streamThreads,
                            int maxBatch, RuntimeOptions runtime, boolean keepTopics, Duration stallTimeout) {

    /** Kafka Streams threads of each replay. */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /** Sessions in one ONNX call: a replay has many at once. */
    public static final int DEFAULT_MAX_BATCH = 8;
    /** How long a replay may make no progress. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(2);

    public ReplayOptions {
        Objects.requireNonNull(framesTopic, "framesTopic");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("stream threads must be at least 1, got " + streamThreads);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive, got " + stallTimeout);
        }
    }

    /** Two stream threads, batches of up to 8, CPU, topics deleted afterwards, 2 minutes without progress fail. */
    public static ReplayOptions of(String framesTopic, Optional<Instant> from, List<Path> models) {
        return new ReplayOptions(framesTopic, from, models, DEFAULT_STREAM_THREADS, DEFAULT_MAX_BATCH,
                RuntimeOptions.cpu(), false, DEFAULT_STALL_TIMEOUT);
    }

    public ReplayOptions withStreamThreads(int threads) {
        return new ReplayOptions(framesTopic, from, models, threads, maxBatch, runtime, keepTopics, stallTimeout);
    }

    public ReplayOptions withRuntime(RuntimeOptions options) {
        return new ReplayOptions(framesTopic, from, models, streamThreads, maxBatch, options, keepTopics, stallTimeout);
    }

    public ReplayOptions withMaxBatch(int batch) {
        return new ReplayOptions(framesTopic, from, models, streamThreads, batch, runtime, keepTopics, stallTimeout);
    }

    public ReplayOptions withKeepTopics(boolean keep) {
        return new ReplayOptions(framesTopic, from, models, streamThreads, maxBatch, runtime, keep, stallTimeout);
    }
}
