package dev.signstream.eval.record;

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

    public RecordSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(retention, "retention");
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("--replication-factor must be at least 1, got " + replicationFactor);
        }
        if (retention.isPresent() && retention.get().compareTo(RecordingTopic.MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("--retention " + retention.get() + " is under a day: a recording would "
                    + "vanish before it is evaluated (use e.g. 30d, or forever)");
        }
        if (encoding != FrameEncoding.JPEG && encoding != FrameEncoding.RAW_RGB24) {
            throw new IllegalArgumentException("--encoding must be jpeg or raw, got " + encoding);
        }
        if (chunkFrames < 1 || chunkFrames > 256) {
            throw new IllegalArgumentException("--chunk must be 1-256 frames, got " + chunkFrames);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }
}
