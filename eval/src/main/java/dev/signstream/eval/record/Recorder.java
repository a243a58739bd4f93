package dev.signstream.eval.record;

import dev.signstream.producer.kafka.ChunkPublisher;
import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records labelled sessions into a recording topic: makes sure the topic exists with a long
 * retention, then publishes each session's chunks (key = session id, truth in the headers) with an
 * idempotent {@code acks=all} producer through the producer module's {@link ChunkPublisher}.
 * Sessions are recorded {@code threads} at a time; a failed delivery or a broken clip stops the
 * recording with that error, never a silent gap.
 */
public final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final RecordSettings settings;
    private final KafkaProducer<String, FrameChunk> producer;
    private final ChunkBudget budget;

    private Recorder(RecordSettings settings, KafkaProducer<String, FrameChunk> producer, ChunkBudget budget) {
        this.settings = settings;
        this.producer = producer;
        this.budget = budget;
    }

    /** The client config definitions whose settings {@code KAFKA_*} variables may name. */
    public static List<ConfigDef> clientConfigs() {
        return List.of(ProducerConfig.configDef(), AdminClientConfig.configDef());
    }

    /**
     * Creates or checks the recording topic and opens the producer.
     *
     * @throws IllegalArgumentException when an existing topic is unfit for a recording
     * @throws IllegalStateException when the cluster cannot be reached
     */
    public static Recorder open(KafkaSettings kafka, RecordSettings settings) {
        Reachability.check(kafka);
        int topicLimit;
        try (Admin admin = Admin.create(adminConfig(kafka))) {
            topicLimit = RecordingTopic.ensure(admin, settings.topic(), settings.partitions(),
                    settings.replicationFactor(), settings.retention(), ADMIN_TIMEOUT);
        }
        Map<String, Object> config = new TreeMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.encoding() == FrameEncoding.RAW_RGB24 ? "lz4" : "none");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topicLimit);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "signstream-record");
        config.putAll(kafka.clientConfig());
        int requestLimit = Integer.parseInt(String.valueOf(config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)));
        KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.of(kafka).valueSerde(FrameChunk.class).serializer());
        return new Recorder(settings, producer, ChunkBudget.of(requestLimit, topicLimit));
    }

    private static Map<String, Object> adminConfig(KafkaSettings kafka) {
        Map<String, Object> config = kafka.adminConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return config;
    }

    /**
     * Records the sessions and waits until Kafka has acknowledged every chunk.
     *
     * @throws RuntimeException the first failure of a session or of delivery
     */
    public RecordSummary record(List<LabelledSession> sessions, RecordProgress progress) throws InterruptedException {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("nothing to record");
        }
        long started = System.nanoTime();
        ProducerStats stats = new ProducerStats();
        FailureLatch failures = new FailureLatch();
        SessionRecorder recorder = new SessionRecorder(settings, new ChunkPublisher(producer, settings.topic(), stats,
                failures), budget, stats);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        double[] videoSeconds = new double[sessions.size()];
        int threads = Math.min(settings.threads(), sessions.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "record-worker"));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int index;
                    while (!failures.failed() && !progress.stopRequested()
                            && (index = next.getAndIncrement()) < sessions.size()) {
                        LabelledSession session = sessions.get(index);
                        try {
                            long frames = recorder.record(session, System.currentTimeMillis() * 1000);
                            videoSeconds[index] = frames / session.fps();
                        } catch (RuntimeException e) {
                            // stop the other workers at their next session
                            failures.fail(e);
                            throw e;
                        }
                        progress.sessionDone(done.incrementAndGet(), sessions.size());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                awaitWorker(worker, failures);
            }
        } finally {
            pool.shutdownNow();
        }
        producer.flush();
        if (failures.failure() != null) {
            throw failures.failure();
        }
        if (done.get() < sessions.size()) {
            throw new IllegalStateException("recording stopped on request after " + done.get() + " of "
                    + sessions.size() + " sessions (each recorded session is complete in " + settings.topic() + ")");
        }
        ProducerStats.Snapshot totals = stats.snapshot();
        double video = 0;
        for (double seconds : videoSeconds) {
            video += seconds;
        }
        RecordSummary summary = new RecordSummary(settings.topic(), sessions.size(), totals.framesAcked(),
                totals.chunksAcked(), totals.bytesAcked(), video, (System.nanoTime() - started) / 1e9);
        LOG.debug("recorded {} sessions ({} frames, {} chunks) into {}", summary.sessions(), summary.frames(),
                summary.chunks(), summary.topic());
        return summary;
    }

    private static void awaitWorker(Future<?> worker, FailureLatch failures) throws InterruptedException {
        try {
            worker.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            RuntimeException failure = cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("recording failed: " + cause, cause);
            failures.fail(failure);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
