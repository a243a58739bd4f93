package dev.signstream.processor;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.ProvisionedTopics;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.service.StreamsConfigs;
import dev.signstream.service.StreamsRunner;
import dev.signstream.service.ops.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running processor instance: the model, the shared batcher, the topology and the Kafka
 * Streams client that runs it. {@code signstream process}, the demo, replay evaluation and the
 * tests all start it this way. Close order: Streams first, then the batcher, then the model.
 */
public final class ProcessorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final StreamModel model;
    private final SessionInference inference;
    private final StreamsRunner runner;
    private final StateSizing sizing;

    private ProcessorService(StreamModel model, SessionInference inference, StreamsRunner runner, StateSizing sizing) {
        this.model = model;
        this.inference = inference;
        this.runner = runner;
        this.sizing = sizing;
    }

    /**
     * Checks that the cluster and the registry answer, loads the model, creates missing topics and
     * starts processing.
     *
     * @param options this instance's settings
     * @param settings cluster, registry and topic names
     * @param registry where the metrics go
     */
    public static ProcessorService start(ProcessorOptions options, KafkaSettings settings, MeterRegistry registry) {
        Reachability.check(settings);
        StreamModel model = StreamModel.load(options.modelDir(), options.runtime(), options.decoderOverrides());
        SessionInference inference = null;
        try {
            inference = new SessionInference(model, options.batching(), registry);
            Topics topics = Topics.create(settings.topics(), AvroSerdes.of(settings));
            // the frames topic's partition count: each key's partition is checked against it (0: not
            // known to this user, no check)
            ProvisionedTopics provisioned = TopicProvisioner.provision(settings, options.partitions(), Optional.empty());
            ProvisionedTopics.TopicState frames = provisioned.topics().get(settings.topics().frames());
            Topology topology = ProcessorTopology.build(topics, inference, options.rules(),
                    frames == null ? 0 : frames.partitions());
            StateSizing sizing = StateSizing.forState(inference.stateBytes());
            StreamsRunner runner = new StreamsRunner("processor", topology,
                    StreamsConfigs.exactlyOnce(settings, options.applicationId(), streamsOverrides(options, sizing)),
                    registry);
            runner.start();
            LOG.info("processor {} started: model {} {} ({} bytes of state per session), {} stream thread(s)",
                    options.applicationId(), model.manifest().name(), model.manifest().version(),
                    sizing.stateBytes(), options.streamThreads());
            return new ProcessorService(model, inference, runner, sizing);
        } catch (RuntimeException e) {
            if (inference != null) {
                inference.close();
            }
            model.close();
            throw e;
        }
    }

    static Map<String, Object> streamsOverrides(ProcessorOptions options, StateSizing sizing) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.streamThreads());
        overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
        overrides.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, sizing.cacheBytes());
        overrides.put(StreamsConfig.producerPrefix("max.request.size"), sizing.producerMaxRequestBytes());
        options.stateDir().ifPresent(dir -> overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        return overrides;
    }

    /** UP while Streams runs or rebalances. */
    public HealthCheck health() {
        return runner.health();
    }

    /** The Streams client's owner (state, failure, interactive queries). */
    public StreamsRunner runner() {
        return runner;
    }

    /** Kafka limits derived from the model's state size. */
    public StateSizing sizing() {
        return sizing;
    }

    /** The loaded model. */
    public StreamModel model() {
        return model;
    }

    /** ONNX calls and session steps so far. */
    public long[] callsAndSteps() {
        return inference.callsAndSteps();
    }

    /**
     * Stops processing and frees the model.
     *
     * @return whether Streams stopped within the timeout
     */
    public boolean close(Duration timeout) {
        boolean clean;
        try {
            clean = runner.close(timeout);
        } finally {
            inference.close();
            model.close();
        }
        return clean;
    }

    @Override
    public void close() {
        close(StreamsRunner.DEFAULT_CLOSE_TIMEOUT);
    }
}
