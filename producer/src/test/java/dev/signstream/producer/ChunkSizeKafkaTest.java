package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.producer.ChunkReader.Received;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.producer.pipeline.ChunkTooLargeException;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks larger than a record may be: split when frames allow it, refused loudly when one frame is too big. */
@WithKafka
class ChunkSizeKafkaTest {

    @TempDir
    Path dir;

    @Test
    void aChunkOverTheRecordLimitIsSplitIntoContiguousSmallerChunks(KafkaStack stack) throws Exception {
        // Given raw 400x400 frames (480 KB each) in chunks of 16: 7.7 MB, over the topic's 4 MiB
        Path file = TestVideos.indexedMp4(dir.resolve("big.mp4"), 640, 480, 30, 40);
        KafkaSettings kafka = FileSourceKafkaTest.kafka(stack);

        List<Received> chunks = FileSourceKafkaTest.produce(stack, kafka, SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("big").withEncoding(FrameEncoding.RAW_RGB24).withSize(400).withChunkFrames(16));

        // Then the 20 sampled frames arrive in halves of 8 and a last chunk of 4, seq still contiguous
        FileSourceKafkaTest.assertContiguousAndTimed(chunks);
        assertThat(chunks).extracting(r -> r.chunk().getFrames().size()).containsExactly(8, 8, 4);
        for (Received received : chunks) {
            long bytes = received.chunk().getFrames().stream().mapToLong(ByteBuffer::remaining).sum();
            assertThat(bytes).isLessThan(TopicProvisioner.FRAMES_MAX_MESSAGE_BYTES);
        }
    }

    @Test
    void aSingleFrameOverTheLimitStopsTheProducerWithAClearError(KafkaStack stack) throws Exception {
        // Given a frames topic that takes records of at most 50,000 bytes
        KafkaSettings kafka = FileSourceKafkaTest.kafka(stack);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(kafka.topics().frames(), 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "50000")))).all().get();
        }
        Path file = TestVideos.indexedMp4(dir.resolve("small.mp4"), 320, 240, 30, 10);

        // When raw 160x160 frames (76,800 bytes each) are produced
        try (KafkaFrameProducer producer = KafkaFrameProducer.start(kafka,
                new KafkaFrameProducer.Options(1, Optional.of((short) 1), null),
                SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("huge").withEncoding(FrameEncoding.RAW_RGB24).withSize(160))) {
            assertThat(producer.awaitEnd(Duration.ofSeconds(60))).isTrue();

            // Then the producer fails, naming the frame size and the limit
            assertThat(producer.failure()).isInstanceOf(ChunkTooLargeException.class)
                    .hasMessageContaining("takes 76800 bytes")
                    .hasMessageContaining("50000 bytes")
                    .hasMessageContaining("topic max.message.bytes 50000");
            assertThat(producer.stats().snapshot().chunksAcked()).isZero();
        }
    }
}
