package dev.signstream.bench.pipeline;

import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code signstream bench backlog} runs.
 *
 * @param model the model folder
 * @param sessions recorded sessions
 * @param length the length of each recorded session
 * @param encoding how the recorded frames are encoded
 * @param configs the processor configurations to time, each stream threads x max batch
 * @param rawSeconds how long raw ONNX Runtime is measured after each configuration
 * @param commitInterval the processor's exactly-once commit interval
 * @param duplicates whether to time a replay of the whole backlog (every chunk a duplicate) too
 * @param partitions partitions of the recorded topic
 */
public record BacklogOptions(Path model, int sessions, Duration length, FrameEncoding encoding, List<Config> configs,
                             double rawSeconds, Duration commitInterval, boolean duplicates, int partitions) {

    /** One processor configuration. */
    public record Config(int streamThreads, int maxBatch) {
        public Config {
            if (streamThreads < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("a configuration needs >= 1 thread and max batch >= 1");
            }
        }

        /** Parses {@code THREADSxBATCH}, e.g. {@code 2x1}. */
        public static Config parse(String text) {
            String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a configuration is THREADSxBATCH (e.g. 2x1), not '" + text + "'");
            }
            try {
                return new Config(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a configuration is THREADSxBATCH (e.g. 2x1), not '" + text + "'", e);
            }
        }

        @Override
        public String toString() {
            return streamThreads + "x" + maxBatch;
        }
    }

    /** Recorded sessions. */
    public static final int DEFAULT_SESSIONS = 12;
    /** Length of each recorded session. */
    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(60);
    /** Frames as cameras send them. */
    public static final FrameEncoding DEFAULT_ENCODING = FrameEncoding.JPEG;
    /** One thread unbatched, two threads unbatched and batched, four threads in batches of four. */
    public static final List<Config> DEFAULT_CONFIGS = List.of(new Config(1, 1), new Config(2, 1), new Config(2, 2),
            new Config(4, 4));
    /** Seconds raw ONNX Runtime is measured after each configuration. */
    public static final double DEFAULT_RAW_SECONDS = 10;
    /** Partitions of the recorded topic. */
    public static final int DEFAULT_PARTITIONS = 4;

    public BacklogOptions {
        Objects.requireNonNull(model, "model");
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("model " + model + " is not a model folder");
        }
        configs = List.copyOf(configs);
        if (sessions < 1 || configs.isEmpty() || !(rawSeconds > 0)) {
            throw new IllegalArgumentException("need sessions >= 1, a configuration and raw seconds > 0");
        }
        TopicProvisioner.checkLayout(partitions, Optional.empty());
        if (length.isNegative() || length.isZero() || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the session length and the commit interval must be positive");
        }
        if (encoding == FrameEncoding.UNKNOWN) {
            throw new IllegalArgumentException("the encoding must be JPEG or RAW_RGB24");
        }
    }
}
