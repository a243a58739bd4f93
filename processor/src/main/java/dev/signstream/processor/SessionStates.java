package dev.signstream.processor;

import dev.signstream.inference.state.CorruptStateException;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateCodec;
import dev.signstream.inference.state.StateRestore;
import dev.signstream.processor.avro.SessionActivity;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's session model states: the store (durable, changelogged, written after every applied
 * chunk) and the decoded copies kept in memory between chunks ({@link DecodedSessions}), which are
 * always equal to what the store holds. Not thread-safe: one per task.
 */
final class SessionStates {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStates.class);

    private final StateCodec codec;
    private final ProcessorMetrics metrics;
    private final DecodedSessions decoded;
    private KeyValueStore<String, byte[]> store;

    SessionStates(SessionInference inference) {
        this.codec = inference.codec();
        this.metrics = inference.metrics();
        this.decoded = new DecodedSessions(inference.memory(), inference.decodedSessionBytes());
    }

    /** The task's store, at each (re)start of the task: it may have been restored, so nothing kept counts. */
    void attach(KeyValueStore<String, byte[]> taskStore) {
        this.store = taskStore;
        decoded.clear();
    }

    /**
     * The session's state to step on: kept decoded, else restored from the store, else fresh (a new
     * or ended session, or a stored state this model cannot use).
     */
    SessionState take(String session, SessionActivity previous) {
        boolean open = previous != null && !previous.getEnded();
        SessionState kept = decoded.get(session);
        if (kept != null && open) {
            metrics.stateFromMemory();
            return kept;
        }
        decoded.drop(session);
        byte[] stored = open ? store.get(session) : null;
        if (stored == null) {
            return codec.newState();
        }
        metrics.stateFromStore();
        try {
            StateRestore restore = codec.decode(stored);
            if (!restore.restored()) {
                metrics.stateRefused();
                LOG.warn("{}: stored state not used, starting fresh: {}", session, restore.reason());
            }
            return restore.state();
        } catch (CorruptStateException e) {
            metrics.stateRefused();
            LOG.warn("{}: stored state unreadable, starting fresh: {}", session, e.getMessage());
            return codec.newState();
        }
    }

    /**
     * Writes the state to the store and keeps it decoded, rounded to exactly the stored values, so
     * that it goes on as a copy restored from the store would.
     */
    void put(String session, SessionState state) {
        byte[] encoded = codec.encodeAndRound(state);
        metrics.stateStored(encoded.length);
        store.put(session, encoded);
        decoded.keep(session, state);
    }

    /** Deletes the session's state (it ended); true when the store had one. */
    boolean delete(String session) {
        decoded.drop(session);
        return store.delete(session) != null;
    }

    /** Forgets the decoded copy of one session (its chunk failed half way); the store keeps the last good state. */
    void drop(String session) {
        decoded.drop(session);
    }

    /** Forgets every decoded copy of the task (closed, revoked, failed). */
    void clear() {
        decoded.clear();
    }
}
