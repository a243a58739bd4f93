package dev.signstream.sink.view;

import dev.signstream.schemas.avro.Sentence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The captions of every session, in memory: what {@link CaptionView} fills from the sentences
 * topic and the HTTP feeds read. Thread-safe: one writer applies sentences while any number of
 * readers take snapshots and subscribe.
 */
public final class CaptionBoard {

    private final Map<String, SessionCaptions> sessions = new ConcurrentHashMap<>();
    private final List<BoardWatcher> watchers = new CopyOnWriteArrayList<>();
    private final Clock clock;

    /** A board on the system clock. */
    public CaptionBoard() {
        this(Clock.systemUTC());
    }

    /** A board on the given clock (for eviction tests). */
    public CaptionBoard(Clock clock) {
        this.clock = clock;
    }

    /** Applies a sentence record (partial or final) in topic order, emitted now. */
    public void apply(Sentence sentence) {
        apply(sentence, clock.millis());
    }

    /**
     * Applies a sentence record (partial or final) in topic order.
     *
     * @param emittedAtMs the record's timestamp: when the sink emitted it (wall clock)
     */
    public void apply(Sentence sentence, long emittedAtMs) {
        Instant now = clock.instant();
        CaptionLine line = CaptionLine.of(sentence);
        sessions.computeIfAbsent(sentence.getSessionId(), id -> new SessionCaptions(id, now)).apply(line, now);
        for (BoardWatcher watcher : watchers) {
            watcher.onLine(line, emittedAtMs);
        }
    }

    /**
     * Applies a session's end marker; an unknown session's is ignored (it has no captions).
     *
     * @param emittedAtMs the marker's timestamp
     */
    public void end(String sessionId, long emittedAtMs) {
        if (!sessions.containsKey(sessionId)) {
            return;
        }
        for (BoardWatcher watcher : watchers) {
            watcher.onEnd(sessionId, emittedAtMs);
        }
    }

    /** Adds a watcher of every session's lines and ends (called on the applying thread). */
    public void watch(BoardWatcher watcher) {
        watchers.add(watcher);
    }

    /** Every session, most recently updated first. */
    public List<SessionSummary> sessions() {
        List<SessionSummary> all = new ArrayList<>();
        sessions.values().forEach(s -> all.add(s.summary()));
        all.sort(Comparator.comparing(SessionSummary::updatedAt).reversed().thenComparing(SessionSummary::sessionId));
        return all;
    }

    /** A session's captions, if the board knows the session. */
    public Optional<SessionSnapshot> snapshot(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(SessionCaptions::snapshot);
    }

    /**
     * Subscribes to a session: the listener first gets the current state (the last final line,
     * then the open partial), then every new line, with nothing missed or repeated in between.
     *
     * @return a handle that unsubscribes, or empty when the board does not know the session
     */
    public Optional<Runnable> subscribe(String sessionId, CaptionListener listener) {
        SessionCaptions captions = sessions.get(sessionId);
        if (captions == null) {
            return Optional.empty();
        }
        captions.subscribe(listener);
        return Optional.of(() -> captions.unsubscribe(listener));
    }

    /** Forgets sessions without news for {@code retention} that nobody listens to; returns how many. */
    public int evictQuiet(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        List<String> evicted = new ArrayList<>();
        sessions.entrySet().removeIf(e -> {
            boolean quiet = !e.getValue().hasListeners() && e.getValue().updatedAt().isBefore(cutoff);
            if (quiet) {
                evicted.add(e.getKey());
            }
            return quiet;
        });
        for (String sessionId : evicted) {
            for (BoardWatcher watcher : watchers) {
                watcher.onEvicted(sessionId);
            }
        }
        return evicted.size();
    }

    /** Number of sessions held. */
    public int size() {
        return sessions.size();
    }
}
