package dev.signstream.app;

import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.hls.Timeline;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import dev.signstream.sink.sentence.SentenceSettings;
import dev.signstream.synth.lexicon.Sentences;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.acl.AclOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream sink}: words to sentences and live captions, until Ctrl-C. */
@Command(name = "sink",
        header = "Sentences from words, and live captions (SSE, HLS subtitles, WebVTT/SRT/EBU-TT-D, overlay page).",
        mixinStandardHelpOptions = true,
        subcommands = SinkTokenCommand.class,
        defaultValueProvider = SinkCommand.Defaults.class,
        description = {
            "Builds sentences from the word events (Kafka Streams, exactly-once) and serves live captions:",
            "  GET /sessions, /sessions/{id}, /sessions/{id}/events (server-sent events),",
            "  /sessions/{id}/subtitles.m3u8 (live HLS subtitle rendition),",
            "  /sessions/{id}/captions.vtt|.srt|.ttml (WebVTT, SubRip, EBU-TT-D),",
            "  /overlay?session=ID (browser / OBS overlay), /health, /metrics.",
            "Run several with the same --application-id to share the work; each serves every session.",
            "With a token secret, a session's captions need a token for it and the session list an operator",
            "token (signstream sink token mints them; docs/security.md)."
        })
final class SinkCommand implements Callable<Integer> {

    /** The defaults of {@link SinkSettings} and the records it holds, and of the lexicon. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            put("--http-port", SinkSettings.DEFAULT_HTTP_PORT);
            put("--http-host", SinkSettings.DEFAULT_HTTP_HOST);
            put("--gap", SentenceSettings.DEFAULT_GAP);
            put("--grace", SentenceSettings.DEFAULT_GRACE);
            put("--idle-timeout", SentenceSettings.DEFAULT_IDLE_TIMEOUT);
            put("--session-retention", SentenceSettings.DEFAULT_SESSION_RETENTION);
            put("--lexicon-max-distance", Lexicon.DEFAULT_MAX_DISTANCE);
            put("--max-line-chars", LayoutRules.DEFAULT_MAX_LINE_CHARS);
            put("--reading-speed", LayoutRules.DEFAULT_READING_SPEED);
            put("--hls-segment", HlsSettings.DEFAULT_SEGMENT);
            put("--hls-playlist-segments", HlsSettings.DEFAULT_PLAYLIST_SEGMENTS);
            put("--hls-hold", HlsSettings.DEFAULT_HOLD);
            put("--hls-origin", Timeline.CAPTURE_CLOCK);
            put("--hls-offset", Duration.ZERO);
            put("--application-id", SinkSettings.DEFAULT_APPLICATION_ID);
            put("--partitions", TopicProvisioner.DEFAULT_PARTITIONS);
            CaptionAccessOptions.putDefaults(this);
        }
    }

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CaptionAccessOptions captionAccess;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Caption server port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", description = "Address the caption server binds (default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--gap", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Inactivity between signs that ends a sentence, in capture time (default ${DEFAULT-VALUE}).")
    Duration gap;

    @Option(names = "--grace", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Extra stream time before a quiet session's sentence is closed by other sessions' words (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--idle-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wall time without a word after which an open sentence is closed anyway (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--session-retention", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wall time after which a quiet session's sentence state is forgotten (default ${DEFAULT-VALUE}).")
    Duration sessionRetention;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "Known sentences, a JSON list of {id, glosses, text}; default: the synthetic signer's sentence list.")
    Path lexiconFile;

    @Option(names = "--no-lexicon", description = "Show every sentence as its glosses.")
    boolean noLexicon;

    @Option(names = "--lexicon-max-distance", paramLabel = "RATIO",
            description = "Gloss edits allowed per gloss for a lexicon match (default ${DEFAULT-VALUE}: one in three).")
    double lexiconMaxDistance;

    @Option(names = "--max-line-chars", paramLabel = "N",
            description = "Characters a caption line may hold; two lines a cue (default ${DEFAULT-VALUE}).")
    int maxLineChars;

    @Option(names = "--reading-speed", paramLabel = "CPS",
            description = "Characters per second viewers read: a cue stays up at least that long (default ${DEFAULT-VALUE}).")
    double readingSpeed;

    @Option(names = "--hls-segment", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Duration of an HLS subtitle segment, the playlist's target duration (default ${DEFAULT-VALUE}).")
    Duration hlsSegment;

    @Option(names = "--hls-playlist-segments", paramLabel = "N",
            description = "Segments the sliding-window subtitle playlist lists (default ${DEFAULT-VALUE}).")
    int hlsPlaylistSegments;

    @Option(names = "--hls-hold", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long past sign end + one segment a segment may wait for a sentence still being signed (default ${DEFAULT-VALUE}).")
    Duration hlsHold;

    @Option(names = "--hls-origin", paramLabel = "ORIGIN",
            description = "Capture time that is the programme's time 0 (MPEG-TS timestamp 0): 'capture' (the capture clock),"
                    + " an ISO-8601 instant or epoch milliseconds (default ${DEFAULT-VALUE}).")
    String hlsOrigin;

    @Option(names = "--hls-offset", converter = SignedDurationConverter.class, paramLabel = "DURATION",
            description = "Added to every programme time, e.g. the encoder's delay; may be negative (default ${DEFAULT-VALUE}).")
    Duration hlsOffset;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory; default: Kafka Streams' own.")
    Path stateDir;

    @Option(names = "--create-topics", description = "Create missing SignStream topics first (for a development cluster).")
    boolean createTopics;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of topics --create-topics makes (default ${DEFAULT-VALUE}).")
    int partitions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (noLexicon && lexiconFile != null) {
            throw new IllegalArgumentException("--lexicon and --no-lexicon contradict each other");
        }
        TopicProvisioner.checkLayout(partitions, Optional.empty());
        HttpAccess access = captionAccess.access(System.getenv());
        SinkSettings settings = new SinkSettings(applicationId, httpHost, httpPort,
                new SentenceSettings(gap, grace, idleTimeout, sessionRetention), SinkSettings.DEFAULT_VIEW_RETENTION,
                Optional.ofNullable(stateDir), new LayoutRules(maxLineChars, readingSpeed, LayoutRules.DEFAULT_MIN_DISPLAY),
                new HlsSettings(hlsSegment, hlsPlaylistSegments, hlsHold, Timeline.parse(hlsOrigin, hlsOffset)), access);
        Lexicon lexicon = lexicon();
        KafkaSettings kafkaSettings = kafka.settings(KafkaOptions.STREAMS_CLIENTS);
        KafkaOptions.check(kafkaSettings, Map.of(kafkaSettings.topics().words(), Set.of(AclOperation.READ),
                kafkaSettings.topics().sentences(), Set.of(AclOperation.READ, AclOperation.WRITE),
                kafkaSettings.topics().deadLetters(), Set.of(AclOperation.WRITE)));
        if (createTopics) {
            TopicProvisioner.provision(kafkaSettings, partitions, Optional.empty());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CaptionSink sink = CaptionSink.start(kafkaSettings, settings, lexicon)) {
            String base = access.scheme() + "://" + ("0.0.0.0".equals(httpHost) ? "localhost" : httpHost) + ":"
                    + sink.httpPort();
            out.printf("Sentences: %s -> %s (gap %.2f s, lexicon of %d sentences)%n", kafkaSettings.topics().words(),
                    kafkaSettings.topics().sentences(), gap.toMillis() / 1000.0, sink.lexiconSize());
            out.printf("Captions:  %s/sessions%n", base);
            String tokenQuery = access.tokens().isPresent() ? "?token=TOKEN" : "";
            if (access.tokens().isPresent()) {
                out.printf("Overlay:   %s/overlay?session=SESSION_ID&token=TOKEN (signstream sink token --session SESSION_ID)%n",
                        base);
            } else {
                out.printf("Overlay:   %s/overlay?session=SESSION_ID%n", base);
                spec.commandLine().getErr().println("WARNING: no caption token secret: anyone who reaches " + base
                        + " can read every session's captions (docs/security.md)");
                spec.commandLine().getErr().flush();
            }
            out.printf("HLS:       %s/sessions/SESSION_ID/subtitles.m3u8%s (%d s segments)%n", base, tokenQuery,
                    settings.hls().targetDurationSeconds());
            out.println("Ctrl-C stops.");
            out.flush();
            while (!Shutdown.await(Duration.ofSeconds(1))) {
                if (sink.failure().isPresent()) {
                    throw new IllegalStateException("sentence building stopped", sink.failure().get());
                }
            }
            out.println("Stopping the sink...");
            out.flush();
        }
        return 0;
    }

    private Lexicon lexicon() {
        if (noLexicon) {
            return Lexicon.empty();
        }
        if (lexiconFile != null) {
            return Lexicon.read(lexiconFile, lexiconMaxDistance);
        }
        return Lexicon.of(Sentences.standard().all().stream()
                .map(s -> new LexiconEntry(s.id(), s.glosses(), s.text())).toList(), lexiconMaxDistance);
    }
}
