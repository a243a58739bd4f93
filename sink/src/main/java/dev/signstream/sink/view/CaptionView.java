package dev.signstream.sink.view;

import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.RegistryUnavailableException;
import dev.signstream.schemas.SentenceRecords;
import dev.signstream.schemas.Topic;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.service.DeadLetterProducer;
import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.HealthCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sentences topic on its own thread into a {@link CaptionBoard}, which tells its
 * listeners about each line.
 *
 * <p>The consumer has no group: it assigns itself every partition (and picks up partitions added
 * later), reads {@code read_committed} so aborted exactly-once output is never shown, and starts
 * from the beginning of what the topic retains. A session's end marker (a null value with the
 * {@code signstream.session-end} header) is passed to the board's watchers. Sessions without news
 * for the retention are forgotten unless someone is listening to them. A record it cannot show
 * (unreadable, a null value without that header, no session id) becomes a dead letter at stage
 * {@value #STAGE}, and the view reads on.
 */
public final class CaptionView implements AutoCloseable {

    /** Stage of the dead letters the view writes. */
    public static final String STAGE = "caption-view";
    private static final Logger LOG = LoggerFactory.getLogger(CaptionView.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);

    private final Map<String, Object> consumerConfig;
    private final Topic<String, Sentence> topic;
    private final Duration retention;
    private final CaptionBoard board;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Counter linesRead;
    private final Counter unreadable;
    private final DeadLetterProducer deadLetters;
    private final Counter endMarkers;
    private final Timer decisionToFinalCaption;
    private volatile KafkaConsumer<String, Sentence> consumer;
    private volatile boolean closing;

    /**
     * @param clientConfig Kafka client settings (bootstrap servers, security)
     * @param topic the sentences topic and its serdes
     * @param retention how long a session nobody listens to is kept after its last line
     * @param registry where the view's meters go
     * @param deadLetters where sentence records the view cannot use go (closed with the view)
     */
    public CaptionView(Map<String, Object> clientConfig, Topic<String, Sentence> topic, Duration retention,
                       MeterRegistry registry, DeadLetterProducer deadLetters) {
        this.deadLetters = deadLetters;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "signstream-caption-view");
        this.consumerConfig = Map.copyOf(config);
        this.topic = topic;
        this.retention = retention;
        this.board = new CaptionBoard();
        this.thread = new Thread(this::run, "caption-view");
        this.thread.setDaemon(true);
        this.linesRead = Counter.builder("signstream.sink.view.lines").description("Sentence records read by the caption view")
                .register(registry);
        this.unreadable = Counter.builder("signstream.sink.view.unreadable")
                .description("Sentence records the view could not use (sent to the dead-letter topic)").register(registry);
        this.endMarkers = Counter.builder("signstream.sink.view.session.ends")
                .description("Session end markers read by the caption view").register(registry);
        this.decisionToFinalCaption = Timer.builder("signstream.sink.decision.to.final.caption")
                .description("decision to final caption (docs/latency.md): from the capture of the frame that decided"
                        + " a sentence's last word to its final caption read by the view, for sentences read live"
                        + " (after catching up)")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("signstream.sink.view.sessions", board, CaptionBoard::size).register(registry);
    }

    /** Starts reading. */
    public void start() {
        thread.start();
    }

    /** Waits until the view has read what the topic held when it started; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the view has read what the topic held when it started (it reads live from then on). */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** UP once caught up and while the reader thread runs. */
    public HealthCheck health() {
        return () -> {
            boolean up = caughtUp.getCount() == 0 && thread.isAlive() && failure.get() == null;
            Map<String, Object> details = new HashMap<>();
            details.put("caught_up", caughtUp.getCount() == 0);
            details.put("sessions", board.size());
            if (failure.get() != null) {
                details.put("error", String.valueOf(failure.get().getMessage()));
            }
            return new Health(up, Map.of("caption_view", details));
        };
    }

    /** Why the reader thread stopped, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The captions read so far (live: it changes as records arrive). */
    public CaptionBoard board() {
        return board;
    }

    private void run() {
        try (KafkaConsumer<String, Sentence> kafka = new KafkaConsumer<>(consumerConfig,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer = kafka;
            if (closing) {
                return;
            }
            Set<TopicPartition> assigned = new HashSet<>(awaitPartitions(kafka));
            kafka.assign(assigned);
            kafka.seekToBeginning(assigned);
            Map<TopicPartition, Long> startEnd = kafka.endOffsets(assigned);
            long nextHousekeeping = System.nanoTime() + HOUSEKEEPING.toNanos();
            while (!closing) {
                poll(kafka);
                if (caughtUp.getCount() > 0 && reached(kafka, startEnd)) {
                    LOG.info("caption view caught up with {}: {} sessions", topic.name(), board.size());
                    caughtUp.countDown();
                }
                if (System.nanoTime() > nextHousekeeping) {
                    nextHousekeeping = System.nanoTime() + HOUSEKEEPING.toNanos();
                    assignNewPartitions(kafka, assigned);
                    board.evictQuiet(retention);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure.set(e);
                LOG.error("caption view woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failure.set(e);
            LOG.error("caption view stopped reading {}", topic.name(), e);
        }
    }

    private void poll(KafkaConsumer<String, Sentence> kafka) {
        try {
            for (ConsumerRecord<String, Sentence> record : kafka.poll(POLL)) {
                linesRead.increment();
                apply(record);
            }
        } catch (RecordDeserializationException e) {
            Throwable reason = e.getCause() == null ? e : e.getCause();
            if (reason instanceof RegistryUnavailableException) {
                throw e; // an outage, not a bad record: the view stops and the sink with it
            }
            reject(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), e.keyBuffer(),
                    e.valueBuffer(), reason);
            kafka.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private void apply(ConsumerRecord<String, Sentence> record) {
        Sentence sentence = record.value();
        ByteBuffer key = record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8));
        if (record.key() != null && SentenceRecords.isEndMarker(record.headers(), sentence)) {
            endMarkers.increment();
            board.end(record.key(), record.timestamp());
        } else if (sentence == null) {
            reject(record.topic(), record.partition(), record.offset(), key, null, new IllegalArgumentException(
                    "tombstone (null value) without the " + SentenceRecords.SESSION_END + " header of an end marker:"
                            + " a sentence was expected"));
        } else if (sentence.getSessionId() == null || sentence.getSessionId().isBlank()) {
            reject(record.topic(), record.partition(), record.offset(), key, null,
                    new IllegalArgumentException("sentence without a session id"));
        } else {
            board.apply(sentence, record.timestamp());
            if (sentence.getFinal$() && isCaughtUp()) {
                long delayMs = System.currentTimeMillis() - sentence.getEndTimeUs() / 1000;
                if (delayMs >= 0) {
                    decisionToFinalCaption.record(Duration.ofMillis(delayMs));
                }
            }
        }
    }

    private void reject(String topic, int partition, long offset, ByteBuffer key, ByteBuffer value, Throwable reason) {
        unreadable.increment();
        LOG.warn("{}-{}@{}: sentence record not shown, sent to {}: {}", topic, partition, offset, deadLetters.topic(),
                DeadLetters.describe(reason));
        deadLetters.send(topic, partition, offset, key, value, STAGE, reason);
    }

    private static boolean reached(KafkaConsumer<String, Sentence> kafka, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The topic's partitions; waits (logging once) while the topic does not exist yet. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, Sentence> kafka) {
        boolean told = false;
        while (!closing) {
            List<TopicPartition> partitions = partitions(kafka);
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (!told) {
                LOG.warn("topic {} does not exist yet; the caption view waits for it", topic.name());
                told = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, Sentence> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic.name());
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void assignNewPartitions(KafkaConsumer<String, Sentence> kafka, Set<TopicPartition> assigned) {
        List<TopicPartition> now = partitions(kafka);
        if (!assigned.containsAll(now)) {
            List<TopicPartition> added = now.stream().filter(p -> !assigned.contains(p)).toList();
            assigned.addAll(added);
            kafka.assign(assigned);
            kafka.seekToBeginning(added);
            LOG.info("caption view now also reads {}", added);
        }
    }

    /** Stops the reader thread and waits for it (bounded). */
    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, Sentence> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("caption view thread did not stop within 10 s");
        }
        deadLetters.close();
    }
}
