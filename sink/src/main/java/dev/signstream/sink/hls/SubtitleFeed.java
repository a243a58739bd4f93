package dev.signstream.sink.hls;

import dev.signstream.sink.format.Cue;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.view.BoardWatcher;
import dev.signstream.sink.view.CaptionLine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live HLS subtitle rendition of every session: watches the caption board's lines and session
 * ends, keeps each session's {@link SessionSubtitles}, and checks every {@value #TICK_MS} ms
 * (once the view has caught up with the topic) for segments that are due.
 */
public final class SubtitleFeed implements BoardWatcher, AutoCloseable {

    /** How often due segments are looked for. */
    static final long TICK_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SubtitleFeed.class);

    /**
     * A sentence's first appearance in a published segment.
     *
     * @param sessionId the session
     * @param sentenceIndex the sentence
     * @param signEndUs capture time its last sign ended
     * @param publishedAtMs wall time the segment was published
     */
    public record Publication(String sessionId, int sentenceIndex, long signEndUs, long publishedAtMs) {
        /** Sign end to publication, in milliseconds. */
        public long delayMs() {
            return publishedAtMs - signEndUs / 1000;
        }
    }

    /** A session's playlist and segments as served. */
    public record Playlist(String m3u8, boolean ended) {
    }

    private final HlsSettings settings;
    private final CueLayout layout;
    private final Clock clock;
    private final BooleanSupplier live;
    private final HlsMetrics metrics;
    private final Map<String, SessionSubtitles> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Publication>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    private final Events events = new Events();

    /**
     * @param settings segment duration, playlist length, hold, timeline
     * @param layout how sentences become cues
     * @param live whether the board is live (the view has caught up): until then nothing is
     *     published on the wall clock and no delay is measured
     * @param registry where the meters go
     */
    public SubtitleFeed(HlsSettings settings, CueLayout layout, BooleanSupplier live, MeterRegistry registry) {
        this(settings, layout, live, registry, Clock.systemUTC(), true);
    }

    SubtitleFeed(HlsSettings settings, CueLayout layout, BooleanSupplier live, MeterRegistry registry, Clock clock,
                 boolean tick) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.live = live;
        this.clock = clock;
        this.metrics = new HlsMetrics(registry);
        Gauge.builder("signstream.sink.hls.sessions", sessions, Map::size).register(registry);
        if (tick) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "hls-segments");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    /** Calls {@code listener} with each sentence's first publication (the demo measures with it). */
    public void onPublication(Consumer<Publication> listener) {
        listeners.add(listener);
    }

    @Override
    public void onLine(CaptionLine line, long emittedAtMs) {
        SessionSubtitles session = sessions.computeIfAbsent(line.sessionId(),
                id -> new SessionSubtitles(id, line.startTimeUs(), settings, layout, events));
        synchronized (session) {
            session.line(line, emittedAtMs * 1000);
        }
    }

    @Override
    public void onEnd(String sessionId, long emittedAtMs) {
        SessionSubtitles session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        synchronized (session) {
            session.end(emittedAtMs * 1000);
        }
        LOG.debug("{}: session ended; its subtitle playlist is complete", sessionId);
    }

    /** Publishes what is due on the wall clock (the periodic check; tests call it directly). */
    void tick() {
        if (!live.getAsBoolean()) {
            return;
        }
        long nowUs = clock.millis() * 1000;
        for (SessionSubtitles session : sessions.values()) {
            try {
                synchronized (session) {
                    session.tick(nowUs);
                }
            } catch (RuntimeException e) {
                LOG.error("subtitle segments of a session could not be published", e);
            }
        }
    }

    /** The session's media playlist, if the feed knows the session. */
    public Optional<Playlist> playlist(String sessionId) {
        SessionSubtitles session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        synchronized (session) {
            return Optional.of(new Playlist(PlaylistWriter.render(session.playlist(), settings.targetDurationSeconds(),
                    session.complete()), session.complete()));
        }
    }

    /**
     * A segment of a session.
     *
     * @return the segment; empty when the session is unknown or the segment is not held (not
     *     published yet, or dropped from the sliding window)
     */
    public Optional<SubtitleSegment> segment(String sessionId, long sequence) {
        SessionSubtitles session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        synchronized (session) {
            return session.segment(sequence);
        }
    }

    /** The next segment a session will publish (for messages about segments not published yet). */
    public long nextSequence(String sessionId) {
        SessionSubtitles session = sessions.get(sessionId);
        if (session == null) {
            return 0;
        }
        synchronized (session) {
            return session.nextSequence();
        }
    }

    @Override
    public void onEvicted(String sessionId) {
        sessions.remove(sessionId);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                if (!ticker.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("the HLS segment thread did not stop within 2 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Turns session events into meters, logs and publications. */
    private final class Events implements SessionSubtitles.Events {
        @Override
        public void segmentPublished(String sessionId, SubtitleSegment segment) {
            metrics.segment();
        }

        @Override
        public void sentencePublished(String sessionId, int sentenceIndex, long signEndUs) {
            if (!live.getAsBoolean()) {
                return;
            }
            Publication publication = new Publication(sessionId, sentenceIndex, signEndUs, clock.millis());
            metrics.published(publication.delayMs());
            for (Consumer<Publication> listener : listeners) {
                listener.accept(publication);
            }
        }

        @Override
        public void cuePlaced(String sessionId, Cue cue, boolean late) {
            metrics.cue(late);
            if (late) {
                LOG.debug("{}: sentence {} came after its segments were published; cue {} shown late", sessionId,
                        cue.sentenceIndex(), cue.id());
            }
        }

        @Override
        public void finalAfterEnd(String sessionId, int sentenceIndex) {
            metrics.afterEnd();
            LOG.warn("{}: final sentence {} came after the session's end marker; it is not in the ended subtitle playlist",
                    sessionId, sentenceIndex);
        }
    }
}
