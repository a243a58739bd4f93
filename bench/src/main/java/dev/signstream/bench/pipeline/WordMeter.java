package dev.signstream.bench.pipeline;

import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Reads the words topic as the sink does ({@code read_committed}) and times each word from the
 * capture of the frame that decided it: to its emission by the processor (the event's
 * {@code emit_time_ms}, as the demo reports it) and to its arrival here, once its transaction
 * committed (what a caption viewer waits).
 */
public final class WordMeter implements AutoCloseable {

    /** One word: when its deciding frame was captured, emitted, and read here (epoch ms). */
    public record Word(String session, long capturedMs, long emittedMs, long readMs) {
    }

    private final KafkaConsumer<String, WordEvent> consumer;
    private final List<Word> words = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    private WordMeter(KafkaConsumer<String, WordEvent> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "bench-word-meter");
        this.thread.setDaemon(true);
    }

    public static WordMeter start(KafkaSettings settings, Topics topics) {
        Map<String, Object> config = new java.util.HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-words-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, WordEvent> consumer = new KafkaConsumer<>(config, Serdes.String().deserializer(),
                topics.words().valueSerde().deserializer());
        consumer.subscribe(Set.of(topics.words().name()));
        WordMeter meter = new WordMeter(consumer);
        meter.thread.start();
        return meter;
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, WordEvent> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    WordEvent e = r.value();
                    if (e.getType() == WordEventType.WORD) {
                        synchronized (words) {
                            words.add(new Word(r.key(), e.getLastFrameTimeUs() / 1000, e.getEmitTimeMs().toEpochMilli(), now));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    /** Words whose deciding frame was captured in {@code [fromMs, toMs)}. */
    public List<Word> captured(long fromMs, long toMs) {
        synchronized (words) {
            return words.stream().filter(w -> w.capturedMs() >= fromMs && w.capturedMs() < toMs).toList();
        }
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
