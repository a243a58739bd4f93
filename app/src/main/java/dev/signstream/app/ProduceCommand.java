package dev.signstream.app;

import dev.signstream.media.JpegEncoder;
import dev.signstream.producer.FrameProducer;
import dev.signstream.producer.ModelInput;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.InvalidSettingException;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.FrameEncoding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.acl.AclOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream produce}: cameras, files, streams or the synthetic signer to frame chunks on Kafka. */
@Command(name = "produce",
        header = "Publishes video (files, devices, streams, synthetic signers) as frame chunks.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ProduceCommand.Defaults.class,
        description = {
            "Publishes video as frame chunks (key = session id) to the frames topic, creating missing topics.",
            "Frames are sampled by capture time to --fps, centre-cropped to a --size square and sent in chunks",
            "of --chunk frames; every session ends with a 'last' chunk (end of file, finite script, or Ctrl-C).",
            "Live sources (devices, streams, synthetic) drop their oldest frames when Kafka falls behind; files wait.",
            "A status line goes to stderr every --status-interval; a summary to stdout at the end."
        })
final class ProduceCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** Frame encodings as the flag spells them. */
    enum Encoding {
        JPEG(FrameEncoding.JPEG), RAW(FrameEncoding.RAW_RGB24);

        final FrameEncoding avro;

        Encoding(FrameEncoding avro) {
            this.avro = avro;
        }

        static Encoding of(FrameEncoding avro) {
            return Arrays.stream(values()).filter(e -> e.avro == avro).findFirst().orElseThrow();
        }
    }

    /** The defaults of {@link ProduceSettings} and of the topics this command creates. */
    static final class Defaults extends FlagDefaults {
        /** How often the status line is printed. */
        static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);

        Defaults() {
            put("--sessions", ProduceSettings.DEFAULT_SESSIONS);
            put("--fps", ProduceSettings.DEFAULT_FPS);
            put("--size", ProduceSettings.DEFAULT_SIZE);
            put("--chunk", ProduceSettings.DEFAULT_CHUNK_FRAMES);
            put("--encoding", Encoding.of(ProduceSettings.DEFAULT_ENCODING));
            put("--jpeg-qscale", JpegEncoder.DEFAULT_QSCALE);
            put("--sentences", ProduceSettings.DEFAULT_SENTENCES);
            put("--seed", ProduceSettings.DEFAULT_SEED);
            put("--open-timeout", ProduceSettings.DEFAULT_OPEN_TIMEOUT);
            put("--partitions", TopicProvisioner.DEFAULT_PARTITIONS);
            put("--status-interval", STATUS_INTERVAL);
        }
    }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--source", required = true, paramLabel = "SOURCE",
            description = "file:PATH, device:/dev/videoN, url:URL (rtsp://, http(s)://, HLS, ...) or synthetic.")
    String source;

    @Option(names = "--session", paramLabel = "ID",
            description = "Session id (the record key); with --sessions N the prefix of ID-0000 ... ID-<N-1>. "
                    + "Default: the source's kind and a random part, e.g. synthetic-4f1c9a2e (printed at the start).")
    String session;

    @Option(names = "--sessions",
            description = "Sessions to run: copies of a file, or synthetic signers (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder whose model.json gives the input size, fps and chunk length.")
    Path model;

    @Option(names = "--fps", description = "Target frame rate (default: the model's, else ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", description = "Side of the square frames in pixels (default: the model's, else ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--chunk", description = "Frames per chunk (default: the model's chunk length, else ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--encoding", description = "jpeg or raw (packed RGB24) (default ${DEFAULT-VALUE}).")
    Encoding encoding;

    @Option(names = "--jpeg-qscale",
            description = "JPEG quantiser scale, 2 (best) to 31 (smallest) (default ${DEFAULT-VALUE}).")
    int jpegQscale;

    @Option(names = "--loop", description = "Start a file over at its end, until Ctrl-C.")
    boolean loop;

    @Option(names = "--realtime", description = "Send a file at its own speed instead of as fast as Kafka takes it.")
    boolean realtime;

    @Option(names = "--sentences",
            description = "Sentences each synthetic signer signs before its session ends; 0 = forever (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--seed", description = "Seed of the synthetic signers (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--camera-threads", description = "Threads rendering synthetic sessions (default: one per core).")
    Integer cameraThreads;

    @Option(names = "--queue-frames", description = "Frames a session may queue before Kafka (default: "
            + ProduceSettings.DEFAULT_QUEUE_CHUNKS + " chunks).")
    Integer queueFrames;

    @Option(names = "--open-timeout", converter = DurationConverter.class,
            description = "How long a network source may take to answer (default ${DEFAULT-VALUE}).")
    Duration openTimeout;

    @Option(names = "--producer-id", description = "Written into every chunk (default: produce@HOST/PID).")
    String producerId;

    @Option(names = "--compression", description = "Kafka compression.type: none, gzip, snappy, lz4, zstd "
            + "(default: none for JPEG, lz4 for raw).")
    String compression;

    @Option(names = "--topic-prefix", description = "Topic name prefix (default: $SIGNSTREAM_TOPIC_PREFIX, else signstream.).")
    String topicPrefix;

    @Option(names = "--partitions",
            description = "Partitions of topics this command creates (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor",
            description = "Replication factor of topics this command creates (default: the broker's).")
    Short replicationFactor;

    @Option(names = "--status-interval", converter = DurationConverter.class,
            description = "How often the status line is printed; 0s turns it off (default ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SourceSpec sourceSpec = SourceSpec.parse(source);
        ProduceSettings settings = settings(session != null ? session : generatedSessionId(sourceSpec));
        KafkaSettings kafkaSettings = withTopicPrefix(kafka.settings(KafkaFrameProducer.clientConfigs()));
        // every local mistake first: the cluster check waits for the network
        FrameProducer.checkSuits(sourceSpec, settings);
        KafkaOptions.check(kafkaSettings, Map.of(kafkaSettings.topics().frames(), Set.of(AclOperation.WRITE)));
        KafkaFrameProducer.Options options = new KafkaFrameProducer.Options(partitions,
                Optional.ofNullable(replicationFactor), compression);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaFrameProducer producer = KafkaFrameProducer.start(kafkaSettings, options, sourceSpec, settings);
        ProducerStats.Snapshot first = producer.stats().snapshot();
        try {
            List<String> ids = settings.sessionIds();
            err.printf("Producing %d session(s) (%s) from %s to %s: %dx%d %s at %s fps, %d frames per chunk. Ctrl-C stops.%n",
                    settings.sessions(), ids.size() == 1 ? ids.get(0) : ids.get(0) + " ... " + ids.get(ids.size() - 1),
                    sourceSpec.describe(), producer.topic(), settings.size(), settings.size(),
                    encoding.name().toLowerCase(Locale.ROOT), settings.fps(), settings.chunkFrames());
            err.flush();
            runUntilDone(producer, err);
            if (Shutdown.requested()) {
                err.println("Stopping: every session sends its last chunk...");
                err.flush();
            }
        } finally {
            // stops the sources, sends each session's last chunk, waits for Kafka's acknowledgements
            producer.close();
        }
        if (producer.failure() != null) {
            throw producer.failure();
        }
        ProducerStats.Snapshot last = producer.stats().snapshot();
        out.printf(Locale.ROOT, "Produced %,d frames in %,d chunks for %d session(s) in %.1f s (%.1f frames/s); "
                        + "dropped %,d%n", last.framesAcked(), last.chunksAcked(), settings.sessions(),
                (last.nanoTime() - first.nanoTime()) / 1e9, last.framesPerSecondSince(first), last.framesDropped());
        out.flush();
        return 0;
    }

    /** Waits for the sources to end, a failure, or Ctrl-C, printing the status line meanwhile. */
    private void runUntilDone(KafkaFrameProducer producer, PrintWriter err) throws InterruptedException {
        ProducerStats.Snapshot previous = producer.stats().snapshot();
        long nextStatus = System.nanoTime() + statusInterval.toNanos();
        while (!Shutdown.requested() && !producer.awaitEnd(Duration.ofMillis(250))) {
            if (!statusInterval.isZero() && System.nanoTime() >= nextStatus) {
                ProducerStats.Snapshot now = producer.stats().snapshot();
                err.println(statusLine(producer.frames().sessions().size(), previous, now));
                err.flush();
                previous = now;
                nextStatus += statusInterval.toNanos();
            }
        }
    }

    static String statusLine(int sessions, ProducerStats.Snapshot previous, ProducerStats.Snapshot now) {
        return String.format(Locale.ROOT, "%s  sessions %d | frames %,d (%.1f/s) | chunks %,d | dropped %,d | %.2f MB/s",
                LocalTime.now().format(CLOCK), sessions, now.framesAcked(), now.framesPerSecondSince(previous),
                now.chunksAcked(), now.framesDropped(), now.bytesPerSecondSince(previous) / 1e6);
    }

    /** A session id nobody else is likely to use: the source's kind and 8 random hex digits. */
    static String generatedSessionId(SourceSpec source) {
        return source.kind().name().toLowerCase(Locale.ROOT) + "-"
                + java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4)
                        .putInt(java.util.concurrent.ThreadLocalRandom.current().nextInt()).array());
    }

    /** The settings: {@link ProduceSettings#defaults} and the flags; a model folder fills what no flag gives. */
    private ProduceSettings settings(String sessionId) {
        ModelInput input = model == null ? null : ModelInput.read(model);
        if (input != null && given("--size") && size != input.size()) {
            throw new IllegalArgumentException("--size " + size + " contradicts --model " + model + ", which takes "
                    + input.size() + "x" + input.size());
        }
        ProduceSettings settings = ProduceSettings.defaults(sessionId)
                .withSessions(sessions)
                .withFps(!given("--fps") && input != null && input.fps() > 0 ? input.fps() : fps)
                .withSize(!given("--size") && input != null ? input.size() : size)
                .withChunkFrames(!given("--chunk") && input != null && input.chunkLength() > 0 ? input.chunkLength() : chunk)
                .withEncoding(encoding.avro)
                .withJpegQscale(jpegQscale)
                .withLoop(loop)
                .withRealtime(realtime)
                .withOpenTimeout(openTimeout)
                .withSeed(seed)
                .withSentences(sentences);
        if (cameraThreads != null) {
            settings = settings.withCameraThreads(cameraThreads);
        }
        if (queueFrames != null) {
            settings = settings.withQueueFrames(queueFrames);
        }
        if (producerId != null) {
            settings = settings.withProducerId(producerId);
        }
        return settings;
    }

    private boolean given(String flag) {
        return spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    private KafkaSettings withTopicPrefix(KafkaSettings settings) {
        if (topicPrefix == null) {
            return settings;
        }
        try {
            return settings.withTopics(TopicNames.withPrefix(topicPrefix));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--topic-prefix '" + topicPrefix + "': " + e.getMessage());
        }
    }
}
