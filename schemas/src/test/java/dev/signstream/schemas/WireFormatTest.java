package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.avro.FrameChunk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithKafka
class WireFormatTest {

    @Test
    void frameChunksTravelInTheConfluentWireFormatWithTheirSchemaInTheRegistry(KafkaStack stack) throws Exception {
        // Given the topic registry on a real broker and registry
        TopicNames names = TopicNames.withPrefix("wire.");
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, 1, (short) 1), Duration.ofSeconds(30));
        }
        FrameChunk sent = SampleRecords.chunk("session-7", 3);

        // When a chunk is produced with the frames topic's serdes
        try (KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                new StringSerializer(), topics.frames().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(names.frames(), "session-7", sent)).get();
        }

        // Then the bytes on the wire are: magic 0, a 4-byte id, Avro binary
        ConsumerRecord<byte[], byte[]> raw = RawTopicReader.readOne(stack, names.frames());
        byte[] value = raw.value();
        assertThat(value[0]).isEqualTo((byte) 0);
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        assertThat(raw.headers().toArray()).isEmpty();

        // and the registry's Confluent-compatible API returns that writer schema for the id
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.ccompatUrl() + "/schemas/ids/" + schemaId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        Schema registered = new Schema.Parser().parse(body.get("schema").asText());
        assertThat(registered).isEqualTo(FrameChunk.getClassSchema());

        // and the value deserializes back to the same chunk
        FrameChunk received = topics.frames().valueSerde().deserializer().deserialize(names.frames(), value);
        assertThat(received).isEqualTo(sent);
        assertThat(received.getFrames()).hasSize(2);
        assertThat(List.copyOf(received.getCaptureTimesUs())).containsExactly(1_000_000L, 1_066_666L);
    }
}
