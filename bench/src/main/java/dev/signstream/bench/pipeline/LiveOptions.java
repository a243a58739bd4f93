package dev.signstream.bench.pipeline;

import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code signstream bench live} runs.
 *
 * @param model the model folder
 * @param sessions live camera sessions
 * @param duration how long the measurement lasts (after the warm-up)
 * @param warmUp how long the platform runs before the measurement starts
 * @param render render the synthetic signers live (the producer's synthetic cameras) instead of
 *     replaying pre-rendered chunks
 * @param poolSessions distinct pre-rendered sessions the replayed ones cycle through
 * @param streamThreads processor stream threads
 * @param maxBatch most sessions in one ONNX call (1: no batcher)
 * @param commitInterval the processor's exactly-once commit interval
 * @param encoding how frames are encoded
 * @param partitions partitions of the run's topics
 */
public record LiveOptions(Path model, int sessions, Duration duration, Duration warmUp, boolean render,
                          int poolSessions, int streamThreads, int maxBatch, Duration commitInterval,
                          FrameEncoding encoding, int partitions) {

    public LiveOptions {
        Objects.requireNonNull(model, "model");
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a model folder");
        }
        if (sessions < 1 || poolSessions < 1 || streamThreads < 1 || maxBatch < 1 || partitions < 1) {
            throw new IllegalArgumentException("sessions, pool sessions, threads, max batch and partitions must be >= 1");
        }
        if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive and --warm-up not negative");
        }
        if (encoding == FrameEncoding.UNKNOWN) {
            throw new IllegalArgumentException("--encoding must be JPEG or RAW_RGB24");
        }
    }
}
