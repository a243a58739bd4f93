package dev.signstream.producer.kafka;

import dev.signstream.producer.pipeline.ChunkSink;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.OutgoingChunk;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.avro.FrameChunk;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends chunks to the frames topic with the session id as key, so one session's chunks stay in one
 * partition in order. Delivery is asynchronous; a chunk Kafka does not take (after the idempotent
 * producer's retries) is a failure of the whole producer, never a silent loss. Thread-safe: all
 * sessions share one Kafka producer, which batches their chunks together.
 */
public final class ChunkPublisher implements ChunkSink {

    private final Producer<String, FrameChunk> producer;
    private final String topic;
    private final ProducerStats stats;
    private final FailureLatch failures;

    public ChunkPublisher(Producer<String, FrameChunk> producer, String topic, ProducerStats stats,
                          FailureLatch failures) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
        this.failures = failures;
    }

    /** Hands the chunk to the Kafka producer; blocks while its buffer is full (up to {@code max.block.ms}). */
    @Override
    public void send(OutgoingChunk chunk) {
        FrameChunk value = chunk.value();
        int frames = value.getFrames().size();
        long seq = value.getSeq();
        String session = chunk.key();
        List<Long> times = value.getCaptureTimesUs();
        long lastCapture = times.isEmpty() ? -1 : times.get(times.size() - 1);
        producer.send(new ProducerRecord<>(topic, null, null, session, value, chunk.headers()), (metadata, error) -> {
            if (error != null) {
                failures.fail(new PublishException("chunk " + seq + " of session " + session + " (" + frames
                        + " frames) was not delivered to " + topic + ": " + error.getMessage(), error));
            } else {
                stats.chunkAcked(frames, metadata.serializedValueSize(),
                        lastCapture < 0 ? -1 : System.currentTimeMillis() * 1000 - lastCapture);
            }
        });
    }
}
