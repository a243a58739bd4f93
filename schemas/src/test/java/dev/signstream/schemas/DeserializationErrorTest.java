package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.avro.FrameChunk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@WithKafka
class DeserializationErrorTest {

    @Test
    void garbageBytesAndAnUnknownSchemaIdFailWithTopicPartitionAndOffset(KafkaStack stack) throws Exception {
        // Given a topic holding garbage at offset 0 and an unknown schema id at offset 1
        String topic = "bad-frames-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, List.of(new NewTopic(topic, 1, (short) 1)), Duration.ofSeconds(30));
        }
        byte[] garbage = "definitely not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] unknownId = {0, 0x7f, 0x00, 0x12, 0x34, 2, 4, 6};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, garbage)).get();
            producer.send(new ProducerRecord<>(topic, unknownId)).get();
        }
        AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());

        try (KafkaConsumer<String, FrameChunk> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers(), "group.id", "bad-" + UUID.randomUUID()),
                new StringDeserializer(), serdes.valueSerde(FrameChunk.class).deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));

            // When the consumer meets each bad record, Then the error names topic, partition and offset
            for (long offset = 0; offset < 2; offset++) {
                final long expected = offset;
                assertThatThrownBy(() -> pollUntilError(consumer))
                        .isInstanceOf(RecordDeserializationException.class)
                        .satisfies(e -> {
                            RecordDeserializationException error = (RecordDeserializationException) e;
                            assertThat(error.topicPartition()).isEqualTo(partition);
                            assertThat(error.offset()).isEqualTo(expected);
                            assertThat(error.getMessage()).contains(topic + "-0").contains("offset " + expected);
                            assertThat(error.getCause()).isNotNull();
                        });
                consumer.seek(partition, offset + 1);
            }
        }
    }

    private static void pollUntilError(KafkaConsumer<String, FrameChunk> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
        throw new AssertionError("no deserialization error within 30 s");
    }
}
