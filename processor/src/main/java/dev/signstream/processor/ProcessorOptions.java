package dev.signstream.processor;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.schemas.TopicProvisioner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one processor instance.
 *
 * @param modelDir the model folder (model.onnx, model.json, labels.json)
 * @param applicationId the Streams application id: instances with the same id share the sessions
 * @param streamThreads stream threads; their concurrent steps share ONNX calls through the batcher
 * @param standbyReplicas warm copies of each task's state on other instances (faster failover)
 * @param runtime ONNX Runtime device and threads
 * @param batching how steps are gathered into ONNX calls
 * @param rules how sessions are kept and ended
 * @param stateDir where RocksDB keeps the stores (empty: Kafka Streams' default under java.io.tmpdir)
 * @param partitions partitions for topics this instance creates when they are missing
 * @param decoderOverrides word decoder thresholds replacing the manifest's
 * @param keeping how session state is kept between chunks (memory, commit interval)
 */
public record ProcessorOptions(Path modelDir, String applicationId, int streamThreads, int standbyReplicas,
                               RuntimeOptions runtime, BatcherSettings batching, SessionRules rules,
                               Optional<Path> stateDir, int partitions, Map<String, Number> decoderOverrides,
                               StateKeeping keeping) {

    /** The application id of the live processor. */
    public static final String DEFAULT_APPLICATION_ID = "signstream-processor";
    /** Stream threads: two sessions stepping at once on a CPU. */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /** No warm copies: a failed-over task restores its store from the changelog. */
    public static final int DEFAULT_STANDBY_REPLICAS = 0;
    /**
     * One session per ONNX call, on each stream thread's own predictor: batching gains little on a
     * CPU (docs/performance.md).
     */
    public static final int DEFAULT_MAX_BATCH = 1;

    public ProcessorOptions {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(keeping, "keeping");
        decoderOverrides = Map.copyOf(decoderOverrides);
        if (streamThreads < 1) {
            throw new IllegalArgumentException("stream threads must be >= 1, not " + streamThreads);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby replicas must be >= 0, not " + standbyReplicas);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, not " + partitions);
        }
    }

    /** Options without a word about state keeping: {@link StateKeeping#defaults()}. */
    public ProcessorOptions(Path modelDir, String applicationId, int streamThreads, int standbyReplicas,
                            RuntimeOptions runtime, BatcherSettings batching, SessionRules rules,
                            Optional<Path> stateDir, int partitions, Map<String, Number> decoderOverrides) {
        this(modelDir, applicationId, streamThreads, standbyReplicas, runtime, batching, rules, stateDir, partitions,
                decoderOverrides, StateKeeping.defaults());
    }

    /**
     * Defaults: 2 stream threads, no standby, CPU, one session per ONNX call on each stream thread's
     * own predictor (batching gains little on a CPU; docs/performance.md), a 1 s commit interval and
     * 256 MiB of decoded session states, the topics' default partitions.
     */
    public static ProcessorOptions defaults(Path modelDir) {
        return new ProcessorOptions(modelDir, DEFAULT_APPLICATION_ID, DEFAULT_STREAM_THREADS, DEFAULT_STANDBY_REPLICAS,
                RuntimeOptions.cpu(), BatcherSettings.of(DEFAULT_MAX_BATCH), SessionRules.defaults(), Optional.empty(), TopicProvisioner.DEFAULT_PARTITIONS, Map.of());
    }

    public ProcessorOptions withApplicationId(String id) {
        return new ProcessorOptions(modelDir, id, streamThreads, standbyReplicas, runtime, batching, rules, stateDir,
                partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withStreamThreads(int threads) {
        return new ProcessorOptions(modelDir, applicationId, threads, standbyReplicas, runtime, batching, rules,
                stateDir, partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withRules(SessionRules newRules) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, runtime, batching,
                newRules, stateDir, partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withStateDir(Path dir) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, runtime, batching, rules,
                Optional.of(dir), partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withBatching(BatcherSettings settings) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, runtime, settings, rules,
                stateDir, partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withStandbyReplicas(int standby) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standby, runtime, batching, rules,
                stateDir, partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withKeeping(StateKeeping newKeeping) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, runtime, batching, rules,
                stateDir, partitions, decoderOverrides, newKeeping);
    }

    public ProcessorOptions withRuntime(RuntimeOptions options) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, options, batching, rules,
                stateDir, partitions, decoderOverrides, keeping);
    }

    public ProcessorOptions withDecoderOverrides(Map<String, Number> overrides) {
        return new ProcessorOptions(modelDir, applicationId, streamThreads, standbyReplicas, runtime, batching, rules,
                stateDir, partitions, overrides, keeping);
    }
}
