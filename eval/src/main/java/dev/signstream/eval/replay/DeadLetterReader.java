package dev.signstream.eval.replay;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a replay's isolated dead-letter topic from its beginning to its end. */
final class DeadLetterReader {

    private DeadLetterReader() {
    }

    static List<DeadLetterSummary> read(KafkaSettings settings, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<DeadLetterSummary> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.of(settings).valueSerde(DeadLetter.class).deserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read dead-letter topic " + topic + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(200))) {
                    DeadLetter letter = record.value();
                    String key = letter.getKey() == null ? null
                            : StandardCharsets.UTF_8.decode(letter.getKey().duplicate()).toString();
                    letters.add(new DeadLetterSummary(letter.getSourcePartition(), letter.getSourceOffset(), key,
                            letter.getStage(), letter.getErrorClass() + ": " + letter.getErrorMessage()));
                }
            }
        }
        return letters;
    }
}
