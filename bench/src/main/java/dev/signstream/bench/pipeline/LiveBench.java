package dev.signstream.bench.pipeline;

import dev.signstream.bench.measure.Cpu;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.processor.StateKeeping;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import dev.signstream.synth.lexicon.Sentences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code signstream bench live}: N live camera sessions through every role (processor, sink, and
 * the broker and registry when embedded) in this process, measured for a while after a warm-up:
 * frames each session got through the processor per second, frames dropped, decision_to_word and
 * decision_to_readable latency (docs/latency.md), state changelog traffic, CPU.
 */
public final class LiveBench {

    private static final Logger LOG = LoggerFactory.getLogger(LiveBench.class);

    private LiveBench() {
    }

    /** Runs the benchmark on {@code cluster}, prints the table and, last, the JSON line; returns the JSON fields. */
    public static JsonLine run(LiveOptions options, BenchCluster cluster, PrintWriter out) throws Exception {
        double loadBefore = Cpu.loadAverage();
        ModelManifest manifest = ModelFolder.load(options.model()).manifest();
        int size = manifest.width();
        int chunk = manifest.chunkLength();
        Duration pooled = options.warmUp().plus(options.duration()).plusSeconds(10);
        ChunkPool pool = null;
        if (!options.render()) {
            long t = System.nanoTime();
            pool = ChunkPool.render(Math.min(options.sessions(), options.poolSessions()), pooled, size, manifest.fps(),
                    chunk, options.encoding(), 7);
            out.printf("pre-rendered %d sessions x %d s (%,d chunks, %.1f MB) in %.1f s%n", pool.sessions(),
                    pooled.toSeconds(), pool.chunkCount(), pool.bytes() / 1e6, (System.nanoTime() - t) / 1e9);
            out.flush();
        }
        String run = "bench-live-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaSettings kafka = cluster.topics(run + ".", options.partitions());
        Topics topics = Topics.create(kafka.topics(), AvroSerdes.of(kafka));
        Path stateDir = Files.createTempDirectory("signstream-bench-");
        String processorId = run + "-processor";
        ProcessorOptions processorOptions = ProcessorOptions.defaults(options.model())
                .withApplicationId(processorId)
                .withStreamThreads(options.streamThreads())
                .withStateDir(stateDir.resolve("processor"))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1))
                .withBatching(BatcherSettings.of(options.maxBatch()))
                .withKeeping(StateKeeping.defaults().withCommitInterval(options.commitInterval()));
        List<String> sessionIds = new ArrayList<>();
        for (int i = 0; i < options.sessions(); i++) {
            sessionIds.add(String.format("%s-%04d", run, i));
        }
        out.printf("live: %d sessions at %.0f fps, %s, %s warm-up, %s measured; %s; model %s %s (%dx%d); "
                        + "processor %d stream thread(s), max batch %d, commit interval %d ms; %d cores, load average %.2f%n",
                options.sessions(), manifest.fps(), options.render() ? "rendered live" : "replayed from pre-rendered chunks",
                options.warmUp(), options.duration(), cluster.describe(), manifest.name(), manifest.version(), size, size,
                options.streamThreads(), options.maxBatch(), options.commitInterval().toMillis(), Cpu.cores(), loadBefore);
        out.flush();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ProcessorService processor = ProcessorService.start(processorOptions, kafka, registry);
             CaptionSink sink = CaptionSink.start(kafka, new SinkSettings(run + "-sink", "127.0.0.1", 0,
                     SinkSettings.defaults(0).sentences(), SinkSettings.DEFAULT_VIEW_RETENTION,
                     Optional.of(stateDir.resolve("sink"))).withAccess(HttpAccess.open()), standardLexicon());
             WordMeter words = WordMeter.start(kafka, topics)) {
            if (!processor.runner().awaitRunning(Duration.ofSeconds(120))
                    || !sink.runner().awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the processor or the sink did not start within 120 s");
            }
            Load load = options.render() ? Load.rendered(kafka, options, size, manifest.fps(), chunk, sessionIds)
                    : Load.replayed(kafka, topics, pool, sessionIds);
            try {
                Thread.sleep(options.warmUp().toMillis());
                load.resetLate();
                Snapshot first = Snapshot.take(processor, load, cluster, new ChangelogMeter(kafka.adminConfig(), processorId),
                        sessionIds);
                Thread.sleep(options.duration().toMillis());
                Snapshot last = Snapshot.take(processor, load, cluster, new ChangelogMeter(kafka.adminConfig(), processorId),
                        sessionIds);
                load.close();
                Thread.sleep(Math.max(3_000, 2 * options.commitInterval().toMillis()));
                checkRunning(processor, sink, load, words);
                LiveResult result = LiveResult.of(options, manifest, processor, first, last, sessionIds,
                        words.captured(first.wallMs(), last.wallMs()), loadBefore, Cpu.loadAverage())
                        .withLateP99(load.lateP99Ms());
                result.print(out);
                return result.json();
            } finally {
                load.close();
            }
        }
    }

    private static void checkRunning(ProcessorService processor, CaptionSink sink, Load load, WordMeter words) {
        if (processor.runner().failure().isPresent()) {
            throw new IllegalStateException("the processor failed during the run", processor.runner().failure().get());
        }
        if (sink.failure().isPresent()) {
            throw new IllegalStateException("the sink failed during the run", sink.failure().get());
        }
        if (load.failure() != null) {
            throw new IllegalStateException("the load generator failed during the run", load.failure());
        }
        if (words.failure() != null) {
            throw new IllegalStateException("the word meter failed during the run", words.failure());
        }
    }

    private static Lexicon standardLexicon() {
        return Lexicon.of(Sentences.standard().all().stream()
                .map(s -> new LexiconEntry(s.id(), s.glosses(), s.text())).toList(), Lexicon.DEFAULT_MAX_DISTANCE);
    }

    /** The cameras: pre-rendered chunks replayed, or the producer's synthetic cameras rendering live. */
    static final class Load implements AutoCloseable {
        private final ChunkReplayer replayer;
        private final KafkaProducer<String, FrameChunk> producer;
        private final KafkaFrameProducer cameras;
        private boolean closed;

        private Load(ChunkReplayer replayer, KafkaProducer<String, FrameChunk> producer, KafkaFrameProducer cameras) {
            this.replayer = replayer;
            this.producer = producer;
            this.cameras = cameras;
        }

        static Load replayed(KafkaSettings kafka, Topics topics, ChunkPool pool, List<String> sessionIds) {
            Map<String, Object> config = new HashMap<>(kafka.clientConfig());
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(config, Serdes.String().serializer(),
                    topics.frames().valueSerde().serializer());
            return new Load(ChunkReplayer.start(producer, topics.frames().name(), pool, sessionIds), producer, null);
        }

        static Load rendered(KafkaSettings kafka, LiveOptions options, int size, double fps, int chunk,
                             List<String> sessionIds) {
            ProduceSettings produce = ProduceSettings.defaults(sessionIds.get(0).substring(0, sessionIds.get(0).lastIndexOf('-')))
                    .withSessions(options.sessions()).withSize(size).withFps(fps).withChunkFrames(chunk)
                    .withEncoding(options.encoding()).withSeed(7);
            KafkaFrameProducer cameras = KafkaFrameProducer.start(kafka,
                    new KafkaFrameProducer.Options(options.partitions(), Optional.empty(), null),
                    SourceSpec.parse("synthetic"), produce);
            return new Load(null, null, cameras);
        }

        /** Frames sent so far per session id (replay), or empty (live cameras report totals only). */
        Map<String, Long> sentChunks(List<String> ids) {
            Map<String, Long> sent = new HashMap<>();
            if (replayer != null) {
                long[] counts = replayer.sentChunks();
                for (int i = 0; i < ids.size(); i++) {
                    sent.put(ids.get(i), counts[i]);
                }
            }
            return sent;
        }

        long droppedFrames() {
            return replayer != null ? replayer.droppedFrames() : cameras.stats().snapshot().framesDropped();
        }

        /** Starts the lateness count afresh (at the end of the warm-up). */
        void resetLate() {
            if (replayer != null) {
                replayer.resetLate();
            }
        }

        /** How late the generator sent chunks (p99, ms; replay only, else NaN). */
        double lateP99Ms() {
            return replayer != null ? replayer.lateP99Ms() : Double.NaN;
        }

        Throwable failure() {
            return replayer != null ? replayer.failure() : cameras.failure();
        }

        @Override
        public void close() throws InterruptedException {
            if (closed) {
                return;
            }
            closed = true;
            if (replayer != null) {
                replayer.close();
                producer.close(Duration.ofSeconds(10));
            } else {
                cameras.close();
            }
        }
    }

    /** What the platform had done at one moment. */
    record Snapshot(long wallMs, long nanos, Map<String, Long> appliedSeqs, Map<String, Long> sent, long dropped,
                    long processCpuNanos, long registryCpuNanos, long changelogBytes, long[] callsAndSteps) {

        static Snapshot take(ProcessorService processor, Load load, BenchCluster cluster, ChangelogMeter changelog,
                             List<String> sessionIds) throws Exception {
            long wall = System.currentTimeMillis();
            long nanos = System.nanoTime();
            Map<String, Long> applied = appliedSeqs(processor);
            long registryCpu = cluster.registryPid().isPresent()
                    ? Cpu.processCpuNanos(cluster.registryPid().getAsLong()).orElse(0L) : 0;
            return new Snapshot(wall, nanos, applied, load.sentChunks(sessionIds),
                    load.droppedFrames(), Cpu.processCpuNanos(), registryCpu, changelog.bytes(),
                    processor.callsAndSteps());
        }

        private static Map<String, Long> appliedSeqs(ProcessorService processor) throws InterruptedException {
            RuntimeException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    return processor.lastAppliedSeqs();
                } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                    last = e;
                    LOG.debug("activity store not queryable yet: {}", e.getMessage());
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("the processor's activity store stayed unqueryable for 5 s", last);
        }
    }
}
