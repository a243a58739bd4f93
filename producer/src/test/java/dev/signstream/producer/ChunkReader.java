package dev.signstream.producer;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/** Reads frame chunks back from the broker, per session, until each session's last chunk. */
final class ChunkReader {

    /** One consumed chunk with its headers (last value per name). */
    record Received(String key, FrameChunk chunk, Map<String, String> headers, int partition) {
    }

    private ChunkReader() {
    }

    /** Reads until every one of {@code sessions} has delivered a chunk with {@code last = true}. */
    static Map<String, List<Received>> readUntilLast(KafkaStack stack, TopicNames names, Set<String> sessions,
                                                     Duration timeout) {
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        Map<String, List<Received>> bySession = new LinkedHashMap<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "producer-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, FrameChunk> consumer = new KafkaConsumer<>(config,
                topics.frames().keySerde().deserializer(), topics.frames().valueSerde().deserializer())) {
            consumer.subscribe(List.of(names.frames()));
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<String> ended = new java.util.HashSet<>();
            while (!ended.containsAll(sessions)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("sessions " + sessions + " did not all end within " + timeout
                            + "; ended: " + ended + ", chunks: " + counts(bySession));
                }
                for (ConsumerRecord<String, FrameChunk> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    bySession.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(new Received(record.key(), record.value(), headers, record.partition()));
                    if (record.value().getLast()) {
                        ended.add(record.key());
                    }
                }
            }
        }
        return bySession;
    }

    private static Map<String, Integer> counts(Map<String, List<Received>> bySession) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySession.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }
}
