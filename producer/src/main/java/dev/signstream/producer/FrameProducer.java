package dev.signstream.producer;

import dev.signstream.media.VideoInput;
import dev.signstream.producer.pipeline.ChunkAssembler;
import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.ChunkFormat;
import dev.signstream.producer.pipeline.ChunkSink;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.FrameEncoder;
import dev.signstream.producer.pipeline.FrameQueue;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.producer.pipeline.SessionLane;
import dev.signstream.producer.pipeline.SessionPublisher;
import dev.signstream.producer.pipeline.TruthHeaders;
import dev.signstream.producer.source.CaptureClock;
import dev.signstream.producer.source.SyntheticCameras;
import dev.signstream.producer.source.VideoCapture;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.SessionFleet;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a producer's sessions: one capture thread per file, device or stream session (or the
 * synthetic signer's camera pool), and one publisher thread per session that chunks the frames
 * and hands them to a {@link ChunkSink}. Sources are opened in {@link #open}, so a missing file
 * or a dead URL fails there, before anything is published.
 *
 * <p>Every session ends with a {@code last} chunk: at the end of a file or a finite synthetic
 * script, on {@link #stop}, and after a failure (which is then reported by {@link #failure()}).
 */
public final class FrameProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameProducer.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ProducerStats stats;
    private final FailureLatch failures;
    private final List<SessionPublisher> publishers = new ArrayList<>();
    private final List<Thread> publisherThreads = new ArrayList<>();
    private final List<Thread> captureThreads = new ArrayList<>();
    private final CountDownLatch sessionsEnded;
    private final SourceSpec source;
    private final ProduceSettings settings;
    private final List<VideoInput> inputs;
    private SyntheticCameras cameras;
    private boolean started;
    private volatile boolean stopRequested;

    private FrameProducer(SourceSpec source, ProduceSettings settings, List<VideoInput> inputs, ProducerStats stats,
                          FailureLatch failures) {
        this.source = source;
        this.settings = settings;
        this.inputs = inputs;
        this.stats = stats;
        this.failures = failures;
        this.sessionsEnded = new CountDownLatch(settings.sessions());
    }

    /**
     * Checks the settings against the source and opens it (one input per session), without
     * starting anything: a missing file, device or dead URL fails here, before Kafka is touched.
     *
     * @param failures where the sink also reports delivery failures
     * @throws IllegalArgumentException when the settings do not suit the source
     * @throws dev.signstream.media.MediaException when a source cannot be opened
     */
    public static FrameProducer open(SourceSpec source, ProduceSettings settings, ProducerStats stats,
                                     FailureLatch failures) {
        checkSuits(source, settings);
        List<VideoInput> inputs = source.kind() == SourceSpec.Kind.SYNTHETIC ? List.of() : openAll(source, settings);
        return new FrameProducer(source, settings, inputs, stats, failures);
    }

    /** Starts every session's capture and publisher threads. */
    public void start(ChunkSink sink, ChunkBudget budget) {
        if (started) {
            throw new IllegalStateException("the producer was already started");
        }
        started = true;
        if (source.kind() == SourceSpec.Kind.SYNTHETIC) {
            startSynthetic(sink, budget);
        } else {
            startVideo(sink, budget);
        }
        LOG.info("producing {} session(s) from {}: {} fps, {}x{} {}, {} frames per chunk", settings.sessions(),
                source.describe(), settings.fps(), settings.size(), settings.size(), settings.encoding(),
                settings.chunkFrames());
    }

    /**
     * Checks that the settings suit the source (called again when the producer opens it).
     *
     * @throws IllegalArgumentException naming the settings that do not fit
     */
    public static void checkSuits(SourceSpec source, ProduceSettings settings) {
        if ((source.kind() == SourceSpec.Kind.DEVICE || source.kind() == SourceSpec.Kind.URL) && settings.sessions() > 1) {
            throw new IllegalArgumentException(settings.sessions() + " sessions need a file or the synthetic "
                    + "source; a device or stream feeds one session (run one producer per camera)");
        }
        if ((settings.loop() || settings.realtime()) && source.kind() != SourceSpec.Kind.FILE) {
            throw new IllegalArgumentException("looping and real-time pacing apply to file sources only");
        }
        if (settings.sentences() > 0 && source.kind() != SourceSpec.Kind.SYNTHETIC) {
            throw new IllegalArgumentException("a sentence count applies to the synthetic source only");
        }
    }

    private static Supplier<VideoInput> opener(SourceSpec source, ProduceSettings settings) {
        return () -> VideoInput.open(source.videoKind(), source.location(), settings.size(), settings.openTimeout());
    }

    private static List<VideoInput> openAll(SourceSpec source, ProduceSettings settings) {
        List<VideoInput> inputs = new ArrayList<>(settings.sessions());
        try {
            for (int i = 0; i < settings.sessions(); i++) {
                inputs.add(opener(source, settings).get());
            }
        } catch (RuntimeException e) {
            inputs.forEach(VideoInput::close);
            throw e;
        }
        return List.copyOf(inputs);
    }

    private void startVideo(ChunkSink sink, ChunkBudget budget) {
        List<String> ids = settings.sessionIds();
        VideoInput first = inputs.get(0);
        LOG.info("{}: {}x{} at {} fps declared, cropped from {}x{} scaled", source.describe(), first.sourceWidth(),
                first.sourceHeight(), first.declaredFps(), first.crop().scaledWidth(), first.crop().scaledHeight());
        if (first.declaredFps() > 0 && first.declaredFps() < settings.fps() - 0.5) {
            LOG.warn("{} declares {} fps, below the target {}: every frame is kept, none is repeated",
                    source.describe(), first.declaredFps(), settings.fps());
        }
        FrameQueue.WhenFull whenFull = source.kind().live() ? FrameQueue.WhenFull.DROP_OLDEST : FrameQueue.WhenFull.BLOCK;
        for (int i = 0; i < ids.size(); i++) {
            FrameQueue queue = new FrameQueue(settings.queueCapacity(), whenFull);
            SessionLane lane = new SessionLane(ids.get(i),
                    FrameEncoder.create(settings.encoding(), settings.size(), settings.jpegQscale()), queue, stats);
            startPublisher(ids.get(i), queue, source, sink, budget, null);
            VideoCapture capture = new VideoCapture(source.describe(), inputs.get(i), opener(source, settings),
                    settings.fps(), lane,
                    failures, () -> stopRequested || failures.failed(), settings.loop(), settings.realtime());
            Thread thread = new Thread(capture, "capture-" + ids.get(i));
            thread.setDaemon(true);
            captureThreads.add(thread);
            thread.start();
        }
    }

    private void startSynthetic(ChunkSink sink, ChunkBudget budget) {
        Sentences pool = Sentences.standard();
        List<String> ids = settings.sessionIds();
        // Start a little ahead so every session's frame 0 is due after the rig is up.
        List<SessionSpec> fleet = SessionFleet.of(ids.size(), settings.sessionId(), SessionScript.endless(pool),
                settings.size(), settings.fps(), settings.seed(), CaptureClock.systemMicros() + 200_000);
        List<SessionSpec> specs = new ArrayList<>(ids.size());
        Map<String, SessionLane> lanes = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            SessionSpec base = fleet.get(i);
            SessionScript script = settings.sentences() == 0 ? base.script()
                    : SessionScript.of(pick(pool, settings.sentences(), base.seed()));
            SessionSpec spec = new SessionSpec(ids.get(i), base.signer(), script, base.size(), base.fps(), base.seed(),
                    base.startEpochMicros());
            specs.add(spec);
            FrameQueue queue = new FrameQueue(settings.queueCapacity(), FrameQueue.WhenFull.DROP_OLDEST);
            lanes.put(spec.sessionId(), new SessionLane(spec.sessionId(),
                    FrameEncoder.create(settings.encoding(), settings.size(), settings.jpegQscale()), queue, stats));
            TruthHeaders truth = new TruthHeaders(spec.startEpochMicros(), spec.fps(), id -> pool.byId(id).glosses());
            startPublisher(spec.sessionId(), queue, source, sink, budget, truth);
        }
        cameras = SyntheticCameras.start(specs, lanes, settings.cameraThreads(), failures);
    }

    private static List<Sentence> pick(Sentences pool, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sentence> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(pool.all().get(random.nextInt(pool.size())));
        }
        return picked;
    }

    private void startPublisher(String sessionId, FrameQueue queue, SourceSpec source, ChunkSink sink,
                                ChunkBudget budget, TruthHeaders truth) {
        ChunkFormat format = new ChunkFormat(sessionId, settings.size(), settings.size(), settings.encoding(),
                (float) settings.fps(), source.describe(), settings.producerId());
        SessionPublisher publisher = new SessionPublisher(sessionId, queue,
                new ChunkAssembler(format, settings.chunkFrames(), budget, truth), sink, failures, stats);
        publishers.add(publisher);
        Thread thread = new Thread(() -> {
            try {
                publisher.run();
            } finally {
                sessionsEnded.countDown();
            }
        }, "publish-" + sessionId);
        thread.setDaemon(true);
        publisherThreads.add(thread);
        thread.start();
    }

    /**
     * Waits until every session has sent its {@code last} chunk to the sink (files and finite
     * scripts end by themselves) or a failure happened.
     *
     * @return true when all sessions ended or one failed; false on timeout
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sessionsEnded.await(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            if (failures.failed()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
        }
        return true;
    }

    /**
     * Asks every source to stop and waits (bounded) until every session has handed its
     * {@code last} chunk to the sink. Safe to call more than once.
     */
    public void stop() {
        stopRequested = true;
        if (!started) {
            inputs.forEach(VideoInput::close);
            return;
        }
        if (cameras != null) {
            cameras.close();
        }
        join(captureThreads);
        join(publisherThreads);
    }

    /** Joins threads within the grace period, interrupting those that overrun it. */
    private static void join(List<Thread> threads) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (thread.isAlive()) {
                    LOG.warn("{} did not stop within {} s; interrupting it", thread.getName(), STOP_GRACE.toSeconds());
                    thread.interrupt();
                    thread.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The first failure of any session or of delivery, or null. */
    public RuntimeException failure() {
        return failures.failure();
    }

    public ProducerStats stats() {
        return stats;
    }

    /** Per-session counters, in session order. */
    public List<SessionPublisher> sessions() {
        return List.copyOf(publishers);
    }

    /** The synthetic camera rig (render schedule statistics), or null for other sources. */
    public SyntheticCameras syntheticCameras() {
        return cameras;
    }

    @Override
    public void close() {
        stop();
    }
}
