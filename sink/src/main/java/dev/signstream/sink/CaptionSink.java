package dev.signstream.sink;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Reachability;
import dev.signstream.schemas.Topics;
import dev.signstream.service.DeadLetterProducer;
import dev.signstream.service.StreamsConfigs;
import dev.signstream.service.StreamsRunner;
import dev.signstream.service.StreamsService;
import dev.signstream.service.ops.HealthCheck;
import dev.signstream.service.ops.OpsMetrics;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.http.CaptionServer;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceMetrics;
import dev.signstream.sink.sentence.SentenceTopology;
import dev.signstream.sink.view.CaptionView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sink: the sentence topology (through {@link StreamsRunner}), the caption view of the
 * sentences topic, the live HLS subtitle rendition fed by the view, and the caption HTTP server,
 * sharing one metrics registry. It has the shape of every role ({@link StreamsService}, as the
 * processor's {@code ProcessorService}). Closing stops them in reverse order.
 */
public final class CaptionSink implements StreamsService {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionSink.class);

    private final OpsMetrics metrics;
    private final StreamsRunner runner;
    private final CaptionView view;
    private final SubtitleFeed subtitles;
    private final CaptionServer server;
    private final Lexicon lexicon;
    private final HealthCheck health;

    private CaptionSink(OpsMetrics metrics, StreamsRunner runner, CaptionView view, SubtitleFeed subtitles,
                        CaptionServer server, Lexicon lexicon, HealthCheck health) {
        this.metrics = metrics;
        this.runner = runner;
        this.view = view;
        this.subtitles = subtitles;
        this.server = server;
        this.lexicon = lexicon;
        this.health = health;
    }

    /**
     * Checks that the cluster and the registry answer, then starts everything; returns once the HTTP
     * server listens (Streams and the view keep starting in the background; {@code /health} says
     * when they are up).
     *
     * @param kafka cluster, registry and topic names
     * @param settings the sink's own settings
     * @param lexicon known sentences ({@link Lexicon#read} for a file, {@link Lexicon#empty()} for none)
     */
    public static CaptionSink start(KafkaSettings kafka, SinkSettings settings, Lexicon lexicon) {
        Reachability.check(kafka);
        AvroSerdes serdes = AvroSerdes.of(kafka);
        Topics topics = Topics.create(kafka.topics(), serdes);
        OpsMetrics metrics = new OpsMetrics();
        Map<String, Object> overrides = new HashMap<>();
        settings.stateDir().ifPresent(dir -> overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        StreamsRunner runner = new StreamsRunner("sink",
                SentenceTopology.build(topics, settings.sentences(), lexicon, new SentenceMetrics(metrics.registry())),
                StreamsConfigs.exactlyOnce(kafka, serdes, settings.applicationId(), overrides), metrics.registry());
        DeadLetterProducer viewDeadLetters = new DeadLetterProducer(kafka, settings.applicationId() + "-view");
        CaptionView view = new CaptionView(kafka.clientConfig(), topics.sentences(), settings.viewRetention(),
                metrics.registry(), viewDeadLetters);
        CueLayout layout = new CueLayout(settings.layout());
        SubtitleFeed subtitles = new SubtitleFeed(settings.hls(), layout, view::isCaughtUp, metrics.registry());
        view.board().watch(subtitles);
        HealthCheck health = HealthCheck.all(List.of(runner.health(), view.health()));
        CaptionServer server = null;
        try {
            runner.start();
            view.start();
            server = CaptionServer.start(settings.httpHost(), settings.httpPort(),
                    new CaptionServer.Feeds(view.board(), layout, subtitles),
                    health, metrics.registry(), settings.access());
        } catch (RuntimeException e) {
            view.close();
            subtitles.close();
            runner.close();
            metrics.close();
            throw e;
        }
        LOG.info("sink: words {} -> sentences {}, lexicon of {} sentences, captions on port {}",
                kafka.topics().words(), kafka.topics().sentences(), lexicon.size(), server.port());
        return new CaptionSink(metrics, runner, view, subtitles, server, lexicon, health);
    }

    /** The caption server's port. */
    public int httpPort() {
        return server.port();
    }

    /** Known sentences loaded. */
    public int lexiconSize() {
        return lexicon.size();
    }

    /** The sentence topology's Streams client (state, failure). */
    @Override
    public StreamsRunner runner() {
        return runner;
    }

    /** UP while the sentence topology and the caption view both work (what {@code /health} answers). */
    @Override
    public HealthCheck health() {
        return health;
    }

    /** The caption view. */
    public CaptionView view() {
        return view;
    }

    /** The live HLS subtitle rendition. */
    public SubtitleFeed subtitles() {
        return subtitles;
    }

    /** Why the sentence builder or the caption view stopped, if one did: the sink is then half dead. */
    @Override
    public Optional<Throwable> failure() {
        return runner.failure().or(view::failure);
    }

    /**
     * Stops the server, the view and the Streams client.
     *
     * @return false when the Streams client did not close within the timeout
     */
    @Override
    public boolean close(Duration timeout) {
        server.close();
        view.close();
        subtitles.close();
        boolean closed = runner.close(timeout);
        metrics.close();
        return closed;
    }
}
