package dev.signstream.sink.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The captions of one session and its listeners. Every method locks the session, so a new
 * listener gets the current state and then every later line, with nothing missed or repeated.
 */
final class SessionCaptions {

    private final String sessionId;
    private final NavigableMap<Integer, CaptionLine> finals = new TreeMap<>();
    private final List<CaptionListener> listeners = new CopyOnWriteArrayList<>();
    private CaptionLine current;
    private Instant updatedAt;

    SessionCaptions(String sessionId, Instant now) {
        this.sessionId = sessionId;
        this.updatedAt = now;
    }

    /**
     * Applies a line in topic order. A partial of a sentence that is already final, or a line
     * older than the current one, changes nothing.
     *
     * @return whether the line changed the session (and went to the listeners)
     */
    synchronized boolean apply(CaptionLine line, Instant now) {
        int index = line.sentenceIndex();
        if (line.isFinal()) {
            finals.put(index, line);
        } else if (finals.containsKey(index)) {
            return false;
        }
        if (current != null && index < current.sentenceIndex()) {
            return line.isFinal();
        }
        current = line;
        updatedAt = now;
        String json = CaptionJson.write(line);
        for (CaptionListener listener : listeners) {
            listener.onLine(line, json);
        }
        return true;
    }

    /** Adds a listener after handing it the current state: the last final line, then the open partial. */
    synchronized void subscribe(CaptionListener listener) {
        if (!finals.isEmpty()) {
            CaptionLine lastFinal = finals.lastEntry().getValue();
            listener.onLine(lastFinal, CaptionJson.write(lastFinal));
        }
        if (current != null && !current.isFinal()) {
            listener.onLine(current, CaptionJson.write(current));
        }
        listeners.add(listener);
    }

    void unsubscribe(CaptionListener listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    synchronized SessionSnapshot snapshot() {
        return new SessionSnapshot(sessionId, new ArrayList<>(finals.values()), current, updatedAt);
    }

    synchronized SessionSummary summary() {
        return new SessionSummary(sessionId, finals.size(), current == null ? null : current.text(), updatedAt);
    }

    synchronized Instant updatedAt() {
        return updatedAt;
    }
}
