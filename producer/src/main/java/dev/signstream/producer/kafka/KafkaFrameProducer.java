package dev.signstream.producer.kafka;

import dev.signstream.producer.FrameProducer;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.ProvisionedTopics;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer process wired to Kafka: opens the sources, makes sure SignStream's topics exist,
 * sizes chunks to what the frames topic accepts, and publishes with an idempotent
 * {@code acks=all} producer. {@code signstream produce}, the benchmark and the tests all start
 * producers through here.
 */
public final class KafkaFrameProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFrameProducer.class);
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final FrameProducer frames;
    private final KafkaProducer<String, FrameChunk> producer;
    private final String topic;

    /**
     * Kafka-side options of a producer.
     *
     * @param partitions        partitions of topics this producer creates (existing topics are kept)
     * @param replicationFactor replication factor of topics this producer creates; empty: the broker's default
     * @param compression       {@code compression.type}; null picks none for JPEG (it does not
     *                          compress further) and lz4 for raw frames
     */
    public record Options(int partitions, Optional<Short> replicationFactor, String compression) {
        public Options {
            TopicProvisioner.checkLayout(partitions, replicationFactor);
            if (compression != null && !COMPRESSIONS.contains(compression.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("compression must be one of " + new TreeSet<>(COMPRESSIONS)
                        + ", got '" + compression + "'");
            }
        }

        /** SignStream's topic defaults, compression by encoding. */
        public static Options defaults() {
            return new Options(TopicProvisioner.DEFAULT_PARTITIONS, Optional.empty(), null);
        }
    }

    private KafkaFrameProducer(FrameProducer frames, KafkaProducer<String, FrameChunk> producer, String topic) {
        this.frames = frames;
        this.producer = producer;
        this.topic = topic;
    }

    /** The client config definitions whose settings {@code KAFKA_*} variables may name. */
    public static List<ConfigDef> clientConfigs() {
        return List.of(ProducerConfig.configDef(), AdminClientConfig.configDef());
    }

    /**
     * Opens the source, checks that the cluster and the registry answer, provisions the topics and
     * starts publishing.
     *
     * @throws IllegalArgumentException for settings that do not fit together
     * @throws dev.signstream.media.MediaException when the source cannot be opened
     * @throws IllegalStateException when the cluster cannot be reached or refuses the topics
     */
    public static KafkaFrameProducer start(KafkaSettings kafka, Options options, SourceSpec source,
                                           ProduceSettings settings) {
        ProducerStats stats = new ProducerStats();
        FailureLatch failures = new FailureLatch();
        FrameProducer frames = FrameProducer.open(source, settings, stats, failures);
        KafkaProducer<String, FrameChunk> producer = null;
        try {
            Reachability.check(kafka);
            String topic = kafka.topics().frames();
            int topicLimit = provisionTopics(kafka, options, topic);
            Map<String, Object> config = producerConfig(kafka, options, settings, topicLimit);
            Topics topics = Topics.create(kafka.topics(), AvroSerdes.of(kafka));
            Serializer<FrameChunk> values = topics.frames().valueSerde().serializer();
            producer = new KafkaProducer<>(config, topics.frames().keySerde().serializer(), values);
            warmUp(producer, values, topic, settings);
            int requestLimit = Integer.parseInt(String.valueOf(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)));
            frames.start(new ChunkPublisher(producer, topic, stats, failures), ChunkBudget.of(requestLimit, topicLimit));
            return new KafkaFrameProducer(frames, producer, topic);
        } catch (RuntimeException e) {
            frames.close();
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            throw e;
        }
    }

    /**
     * Fetches the topic's metadata and registers the chunk schema before any camera runs: the
     * first send would otherwise stall for both, and a live source would drop frames meanwhile.
     */
    private static void warmUp(KafkaProducer<String, FrameChunk> producer, Serializer<FrameChunk> values, String topic,
                               ProduceSettings settings) {
        producer.partitionsFor(topic);
        values.serialize(topic, FrameChunk.newBuilder().setSessionId(settings.sessionId()).setSeq(0)
                .setCaptureTimesUs(List.of()).setWidth(settings.size()).setHeight(settings.size())
                .setEncoding(settings.encoding()).setFrames(List.of()).setFps((float) settings.fps()).build());
    }

    /** Creates missing topics and returns the frames topic's {@code max.message.bytes}. */
    private static int provisionTopics(KafkaSettings kafka, Options options, String topic) {
        ProvisionedTopics topics = TopicProvisioner.provision(kafka, options.partitions(), options.replicationFactor());
        String limit = topics.topic(topic).configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (limit == null) {
            throw new IllegalStateException("topic " + topic + " does not report its " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        }
        return Integer.parseInt(limit);
    }

    private static Map<String, Object> producerConfig(KafkaSettings kafka, Options options, ProduceSettings settings,
                                                      int topicLimit) {
        Map<String, Object> config = new TreeMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compression() != null
                ? options.compression().toLowerCase(Locale.ROOT)
                : settings.encoding() == FrameEncoding.RAW_RGB24 ? "lz4" : "none");
        // Chunks of many sessions share a partition: batch them, but keep the added latency small.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topicLimit);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.producerId().replaceAll("[^A-Za-z0-9._-]", "_"));
        // KAFKA_* variables win, so operators can tune anything without a new flag.
        config.putAll(kafka.clientConfig());
        if (!"all".equals(String.valueOf(config.get(ProducerConfig.ACKS_CONFIG)))
                || !Boolean.parseBoolean(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
            LOG.warn("acks={} enable.idempotence={} from the environment: chunks may be lost or duplicated",
                    config.get(ProducerConfig.ACKS_CONFIG), config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        }
        return config;
    }

    /** Waits until every session has ended (files, finite scripts) or one failed; false on timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return frames.awaitEnd(timeout);
    }

    /** The first failure of a source or of delivery, or null. */
    public RuntimeException failure() {
        return frames.failure();
    }

    public ProducerStats stats() {
        return frames.stats();
    }

    /** The sessions and their sources. */
    public FrameProducer frames() {
        return frames;
    }

    public String topic() {
        return topic;
    }

    /**
     * Stops the sources, lets every session send its {@code last} chunk, and waits until Kafka
     * has acknowledged everything sent (bounded by the close timeout).
     */
    @Override
    public void close() {
        try {
            frames.stop();
            producer.flush();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }
}
