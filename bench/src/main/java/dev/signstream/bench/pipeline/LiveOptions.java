package dev.signstream.bench.pipeline;

import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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

    /** Live sessions. */
    public static final int DEFAULT_SESSIONS = 100;
    /** How long the measurement lasts. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    /** How long the platform runs before the measurement. */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(15);
    /** Distinct pre-rendered sessions. */
    public static final int DEFAULT_POOL_SESSIONS = 16;
    /** Frames as cameras send them. */
    public static final FrameEncoding DEFAULT_ENCODING = FrameEncoding.JPEG;
    /** Partitions of the run's topics. */
    public static final int DEFAULT_PARTITIONS = 4;

    public LiveOptions {
        Objects.requireNonNull(model, "model");
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("model " + model + " is not a model folder");
        }
        if (sessions < 1 || poolSessions < 1 || streamThreads < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("sessions, pool sessions, stream threads and max batch must be >= 1");
        }
        TopicProvisioner.checkLayout(partitions, Optional.empty());
        if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
        }
        if (encoding == FrameEncoding.UNKNOWN) {
            throw new IllegalArgumentException("the encoding must be JPEG or RAW_RGB24");
        }
    }
}
