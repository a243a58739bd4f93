package dev.signstream.eval.replay;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a replay's isolated words topic from its beginning (committed records only): the words of
 * every session by word index, which sessions ended, and the latest emission time. Not thread-safe.
 */
final class WordCollector implements AutoCloseable {

    private final KafkaConsumer<String, WordEvent> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, TreeMap<Integer, WordEvent>> words = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private long duplicates;
    private long lastEmitMs = Long.MIN_VALUE;
    private long events;

    WordCollector(KafkaSettings settings, String topic) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.of(settings).valueSerde(WordEvent.class).deserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("words topic " + topic + " has no partitions");
        }
        this.partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived, waiting at most {@code timeout} for the first records. */
    void poll(Duration timeout) {
        for (ConsumerRecord<String, WordEvent> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                // only the replay's own processor writes here; a tombstone would be someone else's
                throw new IllegalStateException("replay words topic " + record.topic() + " holds a tombstone at "
                        + record.partition() + "@" + record.offset() + ": another client writes into it");
            }
            accept(record.value());
        }
    }

    private void accept(WordEvent event) {
        events++;
        lastEmitMs = Math.max(lastEmitMs, event.getEmitTimeMs().toEpochMilli());
        String session = event.getSessionId();
        if (event.getType() == WordEventType.SESSION_END) {
            ended.add(session);
        } else if (event.getType() == WordEventType.WORD) {
            WordEvent previous = words.computeIfAbsent(session, s -> new TreeMap<>()).putIfAbsent(event.getWordIndex(), event);
            if (previous != null) {
                duplicates++;
            }
        } else {
            throw new IllegalStateException("session " + session + ": word event of unknown type " + event.getType());
        }
    }

    /** Reads until every partition's position reaches its end (as of this call); false on timeout. */
    boolean drain(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean caughtUp = true;
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp) < ends.get(tp)) {
                    caughtUp = false;
                    break;
                }
            }
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Words per session, by word index. */
    Map<String, TreeMap<Integer, WordEvent>> words() {
        return words;
    }

    Set<String> ended() {
        return ended;
    }

    /** Word events that repeated a word index already seen (exactly-once says: none). */
    long duplicates() {
        return duplicates;
    }

    /** Latest emission time of any event read, epoch ms; {@code Long.MIN_VALUE} before the first. */
    long lastEmitMs() {
        return lastEmitMs;
    }

    long events() {
        return events;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
