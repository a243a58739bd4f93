package dev.signstream.sink.sentence;

import dev.signstream.schemas.SentenceRecords;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.service.RejectedRecordException;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconMatch;
import dev.signstream.sink.sentence.avro.OpenSentence;
import dev.signstream.sink.sentence.avro.SessionSentenceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the sentences of the sessions of one task (see the package documentation for when a
 * sentence closes). The store holds each session's {@link SessionSentenceState}; an in-memory
 * index of the task's sessions (rebuilt from the store at {@link #init}) lets the punctuators
 * find quiet sentences without scanning the store.
 */
final class SentenceBuilder implements Processor<String, WordEvent, String, Sentence> {

    /** How often quiet sentences are looked for, in stream time and in wall time. */
    static final Duration SCAN_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(SentenceBuilder.class);

    private final SentenceSettings settings;
    private final Lexicon lexicon;
    private final SentenceMetrics metrics;
    /** Sessions this task has state for: when a word last arrived, and the open sentence's end. */
    private final Map<String, Activity> activity = new HashMap<>();
    private ProcessorContext<String, Sentence> context;
    private KeyValueStore<String, SessionSentenceState> store;

    SentenceBuilder(SentenceSettings settings, Lexicon lexicon, SentenceMetrics metrics) {
        this.settings = settings;
        this.lexicon = lexicon;
        this.metrics = metrics;
    }

    /**
     * @param lastArrivalMs wall time the sink last saw a word of the session (or the task started)
     * @param openEndUs event time the open sentence ends at, or -1 when none is open
     */
    private record Activity(long lastArrivalMs, long openEndUs) {
    }

    @Override
    public void init(ProcessorContext<String, Sentence> context) {
        this.context = context;
        this.store = context.getStateStore(SentenceTopology.STORE);
        long now = context.currentSystemTimeMs();
        // Wall-clock timers restart with the task: a restored session gets a full idle timeout in
        // which its backlog can arrive before the fallback closes anything.
        try (KeyValueIterator<String, SessionSentenceState> all = store.all()) {
            all.forEachRemaining(kv -> activity.put(kv.key, new Activity(now, openEnd(kv.value))));
        }
        context.schedule(SCAN_INTERVAL, PunctuationType.STREAM_TIME, this::closeByStreamTime);
        context.schedule(SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeByWallClock);
    }

    @Override
    public void process(Record<String, WordEvent> record) {
        String session = record.key();
        WordEvent word = record.value();
        try {
            WordEventValidator.check(session, word);
        } catch (RejectedRecordException e) {
            metrics.rejected();
            throw e;
        }
        SessionSentenceState state = store.get(session);
        if (state == null) {
            state = new SessionSentenceState(0, -1, false, null);
        }
        boolean changed = word.getType() == WordEventType.SESSION_END
                ? endSession(session, state)
                : addWord(session, state, word);
        if (changed) {
            store.put(session, state);
            activity.put(session, new Activity(context.currentSystemTimeMs(), openEnd(state)));
        }
    }

    private boolean addWord(String session, SessionSentenceState state, WordEvent word) {
        if (word.getWordIndex() <= state.getLastWordIndex()) {
            metrics.duplicate();
            LOG.debug("{}: word {} already applied (last {}); skipped", session, word.getWordIndex(), state.getLastWordIndex());
            return false;
        }
        OpenSentence open = state.getOpen();
        long gapUs = settings.gap().toNanos() / 1000;
        if (open != null && word.getFirstFrameTimeUs() - open.getEndTimeUs() > gapUs) {
            close(session, state, CloseReason.GAP);
            open = null;
        }
        if (open == null) {
            open = new OpenSentence(new ArrayList<>(), word.getFirstFrameTimeUs(), word.getLastFrameTimeUs(), word.getModelVersion());
            state.setOpen(open);
        }
        open.getWords().add(word.getGloss());
        open.setEndTimeUs(Math.max(open.getEndTimeUs(), word.getLastFrameTimeUs()));
        open.setModelVersion(word.getModelVersion());
        state.setLastWordIndex(word.getWordIndex());
        state.setEnded(false);
        metrics.wordApplied(word.getEmitTimeMs() == null ? 0 : word.getEmitTimeMs().toEpochMilli(), context.currentSystemTimeMs());
        forward(session, state.getNextSentenceIndex(), open, false, Optional.empty());
        metrics.partial();
        return true;
    }

    private boolean endSession(String session, SessionSentenceState state) {
        if (state.getEnded()) {
            metrics.duplicate();
            LOG.debug("{}: session already ended; duplicate SESSION_END skipped", session);
            return false;
        }
        if (state.getOpen() != null) {
            close(session, state, CloseReason.SESSION_END);
        }
        state.setEnded(true);
        // The end marker follows the last final in the same transaction (see SentenceRecords).
        context.forward(new Record<String, Sentence>(session, null, context.currentSystemTimeMs(),
                SentenceRecords.endMarkerHeaders()));
        metrics.sessionEnded();
        return true;
    }

    /** Emits the open sentence as final and advances the sentence index. */
    private void close(String session, SessionSentenceState state, CloseReason reason) {
        OpenSentence open = state.getOpen();
        Optional<LexiconMatch> match = lexicon.match(open.getWords());
        forward(session, state.getNextSentenceIndex(), open, true, match);
        metrics.closed(reason, match.isPresent());
        LOG.debug("{}: sentence {} closed ({}): {}", session, state.getNextSentenceIndex(), reason.tag(), open.getWords());
        state.setNextSentenceIndex(state.getNextSentenceIndex() + 1);
        state.setOpen(null);
    }

    private void forward(String session, int index, OpenSentence open, boolean last, Optional<LexiconMatch> known) {
        List<String> words = List.copyOf(open.getWords());
        Optional<LexiconMatch> match = last ? known : lexicon.match(words);
        Sentence sentence = Sentence.newBuilder()
                .setSessionId(session)
                .setSentenceIndex(index)
                .setWords(words)
                .setText(match.map(m -> m.entry().text()).orElseGet(() -> String.join(" ", words)))
                .setLexiconMatch(match.map(m -> m.entry().id()).orElse(null))
                .setStartTimeUs(open.getStartTimeUs())
                .setEndTimeUs(open.getEndTimeUs())
                .setFinal$(last)
                .setModelVersion(open.getModelVersion())
                .build();
        // Record timestamp = emission (wall clock): sentences of an old recording would otherwise be
        // older than the topic's retention and deleted. Event times are in the sentence's fields.
        context.forward(new Record<>(session, sentence, context.currentSystemTimeMs()));
    }

    private void closeByStreamTime(long streamTimeMs) {
        long thresholdUs = (settings.gap().plus(settings.grace()).toNanos()) / 1000;
        long streamTimeUs = streamTimeMs * 1000;
        for (String session : sessionsWhere(a -> a.openEndUs() >= 0 && streamTimeUs - a.openEndUs() > thresholdUs)) {
            closeQuiet(session, CloseReason.STREAM_TIME);
        }
    }

    private void closeByWallClock(long nowMs) {
        long idleMs = settings.idleTimeout().toMillis();
        for (String session : sessionsWhere(a -> a.openEndUs() >= 0 && nowMs - a.lastArrivalMs() >= idleMs)) {
            closeQuiet(session, CloseReason.WALL_CLOCK);
        }
        long retentionMs = settings.sessionRetention().toMillis();
        for (String session : sessionsWhere(a -> a.openEndUs() < 0 && nowMs - a.lastArrivalMs() >= retentionMs)) {
            store.delete(session);
            activity.remove(session);
            LOG.debug("{}: no word for {}; state forgotten", session, settings.sessionRetention());
        }
    }

    private List<String> sessionsWhere(Predicate<Activity> test) {
        List<String> sessions = new ArrayList<>();
        activity.forEach((session, a) -> {
            if (test.test(a)) {
                sessions.add(session);
            }
        });
        return sessions;
    }

    private void closeQuiet(String session, CloseReason reason) {
        SessionSentenceState state = store.get(session);
        if (state == null || state.getOpen() == null) {
            throw new IllegalStateException(session + ": index says a sentence is open but the store has none");
        }
        close(session, state, reason);
        store.put(session, state);
        Activity before = activity.get(session);
        activity.put(session, new Activity(before.lastArrivalMs(), -1));
    }

    private static long openEnd(SessionSentenceState state) {
        return state.getOpen() == null ? -1 : state.getOpen().getEndTimeUs();
    }
}
