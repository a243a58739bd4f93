package dev.signstream.processor;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.ProvisionedTopics;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.service.StreamsConfigs;
import dev.signstream.service.StreamsRunner;
import dev.signstream.service.StreamsService;
import dev.signstream.service.ops.HealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running processor instance: the model, the shared batcher, the topology and the Kafka
 * Streams client that runs it. {@code signstream process}, the demo, replay evaluation and the
 * tests all start it this way; it has the shape of every role ({@link StreamsService}, as the
 * sink's {@code CaptionSink}). Close order: Streams first, then the batcher, then the model.
 */
public final class ProcessorService implements StreamsService {

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
            inference = new SessionInference(model, options.batching(), options.keeping().decodedStateBytes(), registry);
            AvroSerdes serdes = AvroSerdes.of(settings);
            Topics topics = Topics.create(settings.topics(), serdes);
            // the frames topic's partition count: each key's partition is checked against it (0: not
            // known to this user, no check)
            ProvisionedTopics provisioned = TopicProvisioner.provision(settings, options.partitions(), Optional.empty());
            ProvisionedTopics.TopicState frames = provisioned.topics().get(settings.topics().frames());
            Topology topology = ProcessorTopology.build(topics, inference, options.rules(),
                    frames == null ? 0 : frames.partitions());
            StateSizing sizing = StateSizing.forState(inference.stateBytes());
            StreamsRunner runner = new StreamsRunner("processor", topology,
                    StreamsConfigs.exactlyOnce(settings, serdes, options.applicationId(),
                            streamsOverrides(options, sizing, settings.clientConfig())),
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

    /**
     * The processor's own Streams settings: threads, standbys, the record cache and request size
     * sized from the state, the commit interval, and zstd (level 1) for what its producer writes
     * (the state changelog is most of it) unless the client config names a compression.
     */
    static Map<String, Object> streamsOverrides(ProcessorOptions options, StateSizing sizing,
                                                Map<String, Object> clientConfig) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.keeping().commitInterval().toMillis());
        if (!clientConfig.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)
                && !clientConfig.containsKey(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG))) {
            overrides.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
            // level 1: a session state shrinks as much as at the default 3 (8 %), in half the time
            overrides.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG), 1);
        }
        overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.streamThreads());
        overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
        overrides.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, sizing.cacheBytes());
        overrides.put(StreamsConfig.producerPrefix("max.request.size"), sizing.producerMaxRequestBytes());
        options.stateDir().ifPresent(dir -> overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        return overrides;
    }

    /** UP while Streams runs or rebalances. */
    @Override
    public HealthCheck health() {
        return runner.health();
    }

    @Override
    public StreamsRunner runner() {
        return runner;
    }

    /** The error that stopped the Streams client, if one did. */
    @Override
    public Optional<Throwable> failure() {
        return runner.failure();
    }

    /** Kafka limits derived from the model's state size. */
    public StateSizing sizing() {
        return sizing;
    }

    /** The loaded model. */
    public StreamModel model() {
        return model;
    }

    /**
     * The last applied chunk seq of every session whose activity this instance holds (an
     * interactive query of the activity store: open sessions and ended ones still remembered).
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store is not
     *     queryable (starting, rebalancing); ask again
     */
    public Map<String, Long> lastAppliedSeqs() {
        ReadOnlyKeyValueStore<String, SessionActivity> store = runner.streams().store(
                StoreQueryParameters.fromNameAndType(ProcessorTopology.ACTIVITY_STORE, QueryableStoreTypes.keyValueStore()));
        Map<String, Long> seqs = new HashMap<>();
        try (KeyValueIterator<String, SessionActivity> all = store.all()) {
            all.forEachRemaining(e -> seqs.put(e.key, e.value.getLastSeq()));
        }
        return seqs;
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
    @Override
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
}
