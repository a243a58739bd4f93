package dev.signstream.app.demo;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.embedded.secure.Role;
import dev.signstream.embedded.secure.SecureCredentials;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.access.CaptionTokens;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.access.TokenSecret;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import dev.signstream.synth.lexicon.Sentences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on this machine: broker and registry, processor, sink, cameras, scoreboard.
 * Starts in dependency order, stops in reverse, within a bounded time.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final EmbeddedKafkaStack stack;
    private final ProcessorService processor;
    private final CaptionSink sink;
    private final DemoScoreboard scoreboard;
    private final KafkaFrameProducer cameras;
    private final Path stateDir;

    private Demo(EmbeddedKafkaStack stack, ProcessorService processor, CaptionSink sink, DemoScoreboard scoreboard,
                 KafkaFrameProducer cameras, Path stateDir) {
        this.stack = stack;
        this.processor = processor;
        this.sink = sink;
        this.scoreboard = scoreboard;
        this.cameras = cameras;
        this.stateDir = stateDir;
    }

    /**
     * How to run the demo.
     *
     * @param sessions synthetic camera sessions (ignored for a real source)
     * @param source {@code synthetic}, {@code file:PATH}, {@code device:/dev/videoN} or {@code url:URL}
     * @param model the model folder
     * @param httpPort the caption server's port
     * @param processorThreads stream threads of the processor
     * @param printCaptions print sentences in the terminal as they change
     * @param secure run the broker secured (SASL_SSL, ACLs), each role with its own credentials
     */
    public record Options(int sessions, String source, Path model, int httpPort, int processorThreads,
                          boolean printCaptions, boolean secure) {

        /** Three synthetic signers: a few captions to watch at once. */
        public static final int DEFAULT_SESSIONS = 3;
        /** The synthetic signers. */
        public static final String DEFAULT_SOURCE = "synthetic";

        /** Options of a plain (not secured) broker. */
        public Options(int sessions, String source, Path model, int httpPort, int processorThreads,
                       boolean printCaptions) {
            this(sessions, source, model, httpPort, processorThreads, printCaptions, false);
        }

        public Options {
            if (sessions < 1) {
                throw new IllegalArgumentException("--sessions must be >= 1, not " + sessions);
            }
            if (!Files.isDirectory(model)) {
                throw new IllegalArgumentException("--model " + model + " is not a model folder");
            }
            // before anything starts: a missing file must not cost a broker start, nor leave a folder
            SourceSpec.parse(source).checkExists();
        }
    }

    /** Starts everything; the cameras last. */
    public static Demo start(Options options, PrintWriter out) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        Path stateDir = null;
        try {
            out.println(options.secure() ? "Starting Kafka (secured: SASL_SSL, a user per role) and the schema registry..."
                    : "Starting Kafka and the schema registry...");
            out.flush();
            stateDir = Files.createTempDirectory("signstream-demo-");
            EmbeddedKafkaStack stack = EmbeddedKafkaStack.start(options.secure()
                    ? EmbeddedKafkaStack.Options.secure(stateDir.resolve("credentials")) : EmbeddedKafkaStack.Options.defaults());
            started.add(stack);
            RoleSettings roles = new RoleSettings(stack);
            KafkaSettings kafka = roles.of(Role.ADMIN);
            TopicProvisioner.provision(kafka, TopicProvisioner.DEFAULT_PARTITIONS, Optional.empty());

            out.println("Starting the processor (model " + options.model() + ") and the sink...");
            out.flush();
            ProcessorOptions processorOptions = ProcessorOptions.defaults(options.model())
                    .withStreamThreads(options.processorThreads())
                    .withStateDir(stateDir.resolve("processor"))
                    .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1));
            ProcessorService processor = ProcessorService.start(processorOptions, roles.of(Role.PROCESSOR),
                    new SimpleMeterRegistry());
            started.add(processor);
            CaptionTokens captionTokens = captionTokens();
            CaptionSink sink = CaptionSink.start(roles.of(Role.SINK), new SinkSettings(SinkSettings.DEFAULT_APPLICATION_ID,
                    "0.0.0.0", options.httpPort(), SinkSettings.defaults(options.httpPort()).sentences(),
                    SinkSettings.DEFAULT_VIEW_RETENTION, Optional.of(stateDir.resolve("sink")))
                    .withAccess(HttpAccess.open().withTokens(captionTokens)), standardLexicon());
            started.add(sink);
            Topics topics = Topics.create(kafka.topics(), AvroSerdes.of(kafka));
            // the scoreboard is the demo's own view of every topic, frames included: the admin's
            DemoScoreboard scoreboard = new DemoScoreboard(kafka.clientConfig(), topics, out, options.printCaptions());
            started.add(scoreboard);
            sink.subtitles().onPublication(p -> scoreboard.segmentPublished(p.delayMs()));
            scoreboard.start();
            if (!processor.runner().awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the processor did not start within 60 s");
            }

            SourceSpec source = SourceSpec.parse(options.source());
            boolean synthetic = source.kind() == SourceSpec.Kind.SYNTHETIC;
            int size = processor.model().manifest().width();
            ProduceSettings produce = ProduceSettings.defaults("demo")
                    .withSessions(synthetic ? options.sessions() : 1)
                    .withSize(size)
                    .withFps(processor.model().manifest().fps())
                    .withChunkFrames(processor.model().manifest().chunkLength())
                    .withSeed(System.currentTimeMillis());
            KafkaFrameProducer cameras = KafkaFrameProducer.start(roles.of(Role.PRODUCER),
                    KafkaFrameProducer.Options.defaults(), source, produce);
            started.add(cameras);
            String base = "http://localhost:" + sink.httpPort();
            out.printf("Cameras: %s.%n", source.describe());
            stack.credentials().ifPresent(c -> out.printf("Kafka: %s (SASL_SSL); each role logs in with its own file in %s%n",
                    c.saslBootstrap(), c.dir()));
            printLinks(out, base, produce.sessionIds(), captionTokens);
            out.println("Live captions (.. partial, == final):");
            out.flush();
            return new Demo(stack, processor, sink, scoreboard, cameras, stateDir);
        } catch (Exception | Error e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i));
            }
            if (stateDir != null) {
                deleteQuietly(stateDir);
            }
            throw e;
        }
    }

    /** The caption token signer: the configured secret, else a random one for this run only. */
    private static CaptionTokens captionTokens() {
        return new CaptionTokens(TokenSecret.load(System.getenv(), Optional.empty()).orElseGet(() -> {
            byte[] secret = new byte[48];
            new SecureRandom().nextBytes(secret);
            return secret;
        }));
    }

    /** Ready-made overlay links (with a viewer token each) and an operator token for the session list. */
    private static void printLinks(PrintWriter out, String base, List<String> sessionIds, CaptionTokens tokens) {
        Duration ttl = Duration.ofHours(12);
        int shown = Math.min(sessionIds.size(), 5);
        out.println("Overlay pages (the token in each link opens that session only, for 12 h):");
        for (String id : sessionIds.subList(0, shown)) {
            out.printf("  %s/overlay?session=%s&token=%s%n", base, id, tokens.viewer(id, ttl));
        }
        String first = sessionIds.get(0);
        out.printf("HLS subtitles: %s/sessions/%s/subtitles.m3u8?token=%s (SRT and EBU-TT-D: captions.srt, captions.ttml)%n",
                base, first, tokens.viewer(first, ttl));
        if (sessionIds.size() > shown) {
            out.printf("  ... %d more: signstream sink token --session ID%n", sessionIds.size() - shown);
        }
        out.printf("Session list: curl -H 'Authorization: Bearer %s' %s/sessions%n", tokens.operator(ttl), base);
    }

    /** Each role's settings: its own credentials file on a secured stack, the plain cluster otherwise. */
    private static final class RoleSettings {
        private final EmbeddedKafkaStack stack;

        RoleSettings(EmbeddedKafkaStack stack) {
            this.stack = stack;
        }

        KafkaSettings of(Role role) {
            Optional<SecureCredentials> credentials = stack.credentials();
            if (credentials.isEmpty()) {
                return new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(), TopicNames.defaults());
            }
            return KafkaSettings.parse(Map.of(), Optional.empty(), Optional.of(stack.registryUrl()),
                    Optional.of(credentials.get().properties(role)), List.of(StreamsConfig.configDef(),
                            ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef()));
        }
    }

    private static Lexicon standardLexicon() {
        return Lexicon.of(Sentences.standard().all().stream()
                .map(s -> new LexiconEntry(s.id(), s.glosses(), s.text())).toList(), Lexicon.DEFAULT_MAX_DISTANCE);
    }

    /** The first failure of any role, if one stopped. */
    public Optional<Throwable> failure() {
        if (cameras.failure() != null) {
            return Optional.of(cameras.failure());
        }
        if (processor.failure().isPresent()) {
            return processor.failure();
        }
        return sink.failure();
    }

    /** What the cameras have captured, dropped and had acknowledged so far. */
    public dev.signstream.producer.pipeline.ProducerStats.Snapshot cameraStats() {
        return cameras.stats().snapshot();
    }

    /** The processor (its sizing, calls and steps), for benchmarks. */
    public ProcessorService processor() {
        return processor;
    }

    /** Where Kafka answers, for benchmarks. */
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** True once every camera session has ended by itself (finite sources). */
    public boolean camerasFinished() throws InterruptedException {
        return cameras.awaitEnd(Duration.ZERO);
    }

    /**
     * Stops the cameras (each session sends its last chunk), gives the pipeline a moment to finish
     * the sessions, and returns the score.
     */
    public DemoSummary finish(Duration drain) throws InterruptedException {
        cameras.close();
        if (!scoreboard.awaitAllEnded(drain)) {
            LOG.warn("not every session ended within {} ms; scoring what arrived", drain.toMillis());
        }
        scoreboard.stopCaptions();
        return scoreboard.summary();
    }

    /** Stops the processor and the sink together, then the scoreboard, broker and registry. */
    @Override
    public void close() {
        CompletableFuture<Void> processorClosed = CompletableFuture.runAsync(() -> processor.close(Duration.ofSeconds(3)));
        CompletableFuture<Void> sinkClosed = CompletableFuture.runAsync(() -> sink.close(Duration.ofSeconds(3)));
        try {
            CompletableFuture.allOf(processorClosed, sinkClosed).get(4, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("processor or sink did not stop cleanly: {}", e.toString());
        }
        long t0 = System.nanoTime();
        closeQuietly(scoreboard);
        long t1 = System.nanoTime();
        closeQuietly(stack);
        long t2 = System.nanoTime();
        deleteQuietly(stateDir);
        LOG.debug("stopped the scoreboard in {} ms, broker and registry in {} ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
