package dev.signstream.eval.record;

import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a recording is written.
 *
 * @param topic             the recording's frames topic
 * @param partitions        partitions if the topic is created
 * @param replicationFactor replication factor if the topic is created
 * @param retention         how long the topic keeps records if it is created; empty keeps them forever
 * @param encoding          JPEG (as live cameras send) or RAW_RGB24 (lossless: the processor sees the
 *                          exact pixels the offline evaluation sees)
 * @param jpegQscale        JPEG quantiser scale, 2 (best) to 31
 * @param chunkFrames       frames per chunk (the model's chunk length)
 * @param threads           sessions decoded, encoded and published at once
 * @param producerId        written into every chunk
 */
public record RecordSettings(String topic, int partitions, short replicationFactor, Optional<Duration> retention,
                             FrameEncoding encoding, int jpegQscale, int chunkFrames, int threads, String producerId) {

    /** A replica: recordings are for evaluation, usually on a development cluster. */
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    /** Sessions recorded at once. */
    public static final int DEFAULT_THREADS = 2;

    public RecordSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(retention, "retention");
        TopicProvisioner.checkLayout(partitions, Optional.of(replicationFactor));
        if (retention.isPresent() && retention.get().compareTo(RecordingTopic.MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("a retention of " + retention.get() + " is under a day: a recording "
                    + "would vanish before it is evaluated (use e.g. 30 days, or forever)");
        }
        if (encoding != FrameEncoding.JPEG && encoding != FrameEncoding.RAW_RGB24) {
            throw new IllegalArgumentException("the encoding must be jpeg or raw, got " + encoding);
        }
        if (chunkFrames < 1 || chunkFrames > 256) {
            throw new IllegalArgumentException("frames per chunk must be 1-256, got " + chunkFrames);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("recording threads must be at least 1, got " + threads);
        }
    }
}
