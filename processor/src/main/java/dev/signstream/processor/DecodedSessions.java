package dev.signstream.processor;

import dev.signstream.inference.state.SessionState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's sessions kept decoded between chunks, least recently used first out. It only saves
 * decoding: every applied chunk still writes the session's encoded state to the store (whose record
 * cache and changelog make it durable at the commit), and a kept state always equals the stored one
 * ({@link dev.signstream.inference.state.StateCodec#encodeAndRound}). So dropping an entry, or all of
 * them when the task is closed, revoked or fails, never loses anything: the next chunk decodes the
 * session from the store.
 *
 * <p>Not thread-safe: one per task, used by its stream thread.
 */
final class DecodedSessions {

    private final StateMemory memory;
    private final long bytesPerSession;
    private final LinkedHashMap<String, SessionState> sessions = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param memory the instance's budget
     * @param bytesPerSession what one decoded session costs (its fp32 tensors and a little more)
     */
    DecodedSessions(StateMemory memory, long bytesPerSession) {
        this.memory = memory;
        this.bytesPerSession = bytesPerSession;
    }

    /** The session's decoded state, or null when it is not kept. */
    SessionState get(String session) {
        return sessions.get(session);
    }

    /**
     * Keeps {@code state} for the session. When the budget is spent, this task's least recently used
     * sessions make room; when it has none to give, the state is not kept.
     */
    void keep(String session, SessionState state) {
        if (sessions.containsKey(session)) {
            sessions.put(session, state);
            return;
        }
        Iterator<Map.Entry<String, SessionState>> eldest = sessions.entrySet().iterator();
        while (!memory.tryReserve(bytesPerSession)) {
            if (!eldest.hasNext()) {
                return;
            }
            eldest.next();
            eldest.remove();
            memory.release(bytesPerSession);
        }
        sessions.put(session, state);
    }

    /** Forgets one session (ended, or its chunk failed half way). */
    void drop(String session) {
        if (sessions.remove(session) != null) {
            memory.release(bytesPerSession);
        }
    }

    /** Forgets every session of the task (closed, revoked, failed, or started again). */
    void clear() {
        memory.release(bytesPerSession * sessions.size());
        sessions.clear();
    }

    int size() {
        return sessions.size();
    }
}
