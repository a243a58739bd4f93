package dev.signstream.schemas;

import dev.signstream.embedded.KafkaStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads records of a topic as raw bytes. */
final class RawTopicReader {

    private RawTopicReader() {
    }

    static ConsumerRecord<byte[], byte[]> readOne(KafkaStack stack, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = read(stack, topic, 1);
        if (records.isEmpty()) {
            throw new AssertionError("no record on " + topic + " within 30 s");
        }
        return records.get(0);
    }

    static List<ConsumerRecord<byte[], byte[]>> read(KafkaStack stack, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "group.id", "raw-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
