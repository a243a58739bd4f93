package dev.signstream.eval.replay;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.FrameChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a range of a frames topic once, before any model runs, for what the evaluation needs beyond
 * the words: each session's ground truth, chunk and frame counts and video length. Records that do
 * not read as chunks are counted with their reason (the processor sends them to its dead letters).
 */
public final class TopicScanner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicScanner.class);
    private static final int MAX_REASONS = 10;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(60);

    private TopicScanner() {
    }

    /** Reads the whole range. */
    public static Recording scan(KafkaSettings kafka, ReplayRange range) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, SessionRecordBuilder> sessions = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        long chunks = 0;
        long frames = 0;
        long unreadable = 0;
        try (Deserializer<FrameChunk> values = AvroSerdes.of(kafka).valueSerde(FrameChunk.class)
                .deserializer();
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = range.partitions();
            consumer.assign(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long start = range.start().get(tp.partition());
                long end = range.end().get(tp.partition());
                consumer.seek(tp, start);
                if (end > start) {
                    remaining.put(tp, end);
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            long lastProgress = System.nanoTime();
            while (!remaining.isEmpty()) {
                boolean progressed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(tp);
                    if (end == null || record.offset() >= end) {
                        continue; // written after the range was fixed
                    }
                    progressed = true;
                    FrameChunk chunk = null;
                    String problem = null;
                    try {
                        chunk = values.deserialize(record.topic(), record.headers(), record.value());
                    } catch (RuntimeException e) {
                        problem = DeadLetters.describe(e);
                    }
                    if (problem != null) {
                        // reported as it is
                    } else if (chunk == null) {
                        problem = "tombstone (null value)";
                    } else if (record.key() == null) {
                        problem = "the record has no key (the key must be the session id, '" + chunk.getSessionId() + "')";
                    } else if (!record.key().equals(chunk.getSessionId())) {
                        problem = "key '" + record.key() + "' is not the session id '" + chunk.getSessionId() + "'";
                    }
                    if (problem != null) {
                        unreadable++;
                        if (reasons.size() < MAX_REASONS) {
                            reasons.add("partition " + record.partition() + " offset " + record.offset() + ": " + problem);
                        }
                    } else {
                        chunks++;
                        frames += chunk.getCaptureTimesUs().size();
                        sessions.computeIfAbsent(record.key(), id -> new SessionRecordBuilder(id, record.partition()))
                                .add(chunk, record.headers());
                    }
                }
                for (TopicPartition tp : new ArrayList<>(remaining.keySet())) {
                    if (consumer.position(tp) >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("reading " + range.topic() + " stalled for " + STALL.toSeconds()
                            + " s with partitions " + remaining.keySet() + " unfinished");
                }
            }
        }
        if (unreadable > 0) {
            LOG.warn("{} record(s) of {} are not readable chunks, e.g. {}", unreadable, range.topic(), reasons.get(0));
        }
        List<SessionRecord> built = new ArrayList<>(sessions.size());
        sessions.values().forEach(b -> built.add(b.build()));
        return new Recording(range, built, chunks, frames, unreadable, reasons);
    }
}
