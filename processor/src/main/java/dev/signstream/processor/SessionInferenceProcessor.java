package dev.signstream.processor;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.frames.BadFramesException;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.frames.FrameFormat;
import dev.signstream.inference.recognition.ChunkOutcome;
import dev.signstream.inference.state.SessionState;
import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.service.RejectedRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each frame chunk to its session: validates it, decides from the session's small activity
 * record whether it is new (duplicates and replayed chunks of ended sessions stop there, before any
 * frame is decoded or any state restored), decodes its frames, takes the session's model state
 * (kept decoded in memory between chunks, else restored from the store), runs the (batched) model
 * step and the word decoder, emits the words and stores the new state. Every record is fully
 * processed before {@code process} returns, so the output and the state changes commit together
 * with the input offset (exactly-once v2).
 *
 * <p>Session rules: a chunk whose seq is not after the last applied one is a duplicate (skipped,
 * counted); a gap is applied and counted (and noted in the next word); a {@code last} chunk (with
 * frames or empty) or the idle timeout ends the session, each through the same
 * {@code endSession} ({@link EndReason}): a {@code SESSION_END} event follows the words (none is
 * pending: the decoder decides every word at a reading), the model state is deleted and a small
 * end marker stays for a while so replayed chunks of the session are still recognised as
 * duplicates.
 *
 * <p>The decoded copy of a session ({@link SessionStates}) is only a cache of the store: every
 * applied chunk writes the encoded state to the store (its record cache sends it to the changelog
 * once per commit), the copy is rounded to exactly what was stored, and it is dropped when its
 * chunk fails half way and with all others when the task is closed (revoked, failed) or started
 * again (docs/processor.md, "State between chunks, and why exactly-once still holds").
 */
final class SessionInferenceProcessor implements Processor<String, FrameChunk, String, WordEvent> {

    static final String DECODE_STAGE = "decode-frames";
    private static final Logger LOG = LoggerFactory.getLogger(SessionInferenceProcessor.class);

    private final SessionInference inference;
    private final SessionRules rules;
    private final ProcessorMetrics metrics;
    private final WordEvents events;
    private final ChunkValidator validator;
    private final PartitionCheck partitionCheck;
    private final FrameDecoder frameDecoder;
    private final FrameBlock block;
    private final SessionStates states;

    private ProcessorContext<String, WordEvent> context;
    private KeyValueStore<String, SessionActivity> activity;
    private AtomicLong activeSessions;
    /** Wall clock when this task came up here; a session's idle time never counts from before it. */
    private long taskStartedMs;

    SessionInferenceProcessor(SessionInference inference, SessionRules rules, PartitionCheck partitionCheck) {
        this.inference = inference;
        this.rules = rules;
        this.partitionCheck = partitionCheck;
        this.metrics = inference.metrics();
        var manifest = inference.model().manifest();
        this.events = new WordEvents(manifest);
        this.validator = new ChunkValidator(manifest.width(), manifest.height(), rules.maxFramesPerChunk());
        this.frameDecoder = inference.model().newFrameDecoder();
        this.block = inference.model().newFrameBlock(rules.maxFramesPerChunk());
        this.states = new SessionStates(inference);
    }

    @Override
    public void init(ProcessorContext<String, WordEvent> context) {
        this.context = context;
        // a task started again (after a failure) may have had its stores restored: decode afresh
        this.states.attach(context.getStateStore(ProcessorTopology.STATE_STORE));
        this.activity = context.getStateStore(ProcessorTopology.ACTIVITY_STORE);
        this.activeSessions = metrics.activeSessions(context.taskId());
        this.taskStartedMs = context.currentSystemTimeMs();
        context.schedule(rules.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::endIdleSessions);
    }

    @Override
    public void process(Record<String, FrameChunk> record) {
        long started = System.nanoTime();
        String session = record.key();
        FrameChunk chunk = record.value();
        try {
            validator.check(session, chunk);
            partitionCheck.check(session, context.recordMetadata().map(RecordMetadata::partition).orElse(-1));
        } catch (RejectedRecordException rejected) {
            metrics.chunkRejected(System.nanoTime() - started);
            throw rejected;
        }

        // Duplicates are decided here, once, from the session's small activity record: before any
        // frame is decoded or any state is read.
        SessionActivity previous = activity.get(session);
        if (alreadyApplied(chunk, previous)) {
            metrics.chunkDuplicate(System.nanoTime() - started);
            return;
        }
        if (chunk.getFrames().isEmpty()) {
            // an empty last chunk of an open session (any other empty one is already applied)
            endSession(session, new SessionActivity(chunk.getSeq(), previous.getLastCaptureUs(),
                    context.currentSystemTimeMs(), false, previous.getWords()), EndReason.EMPTY_LAST_CHUNK);
            metrics.chunkApplied(System.nanoTime() - started);
            return;
        }
        if (previous != null && previous.getEnded()) {
            LOG.info("{}: chunk {} after the session ended at chunk {}: starting it again", session,
                    chunk.getSeq(), previous.getLastSeq());
        }
        try {
            decodeFrames(chunk);
        } catch (RejectedRecordException rejected) {
            metrics.chunkRejected(System.nanoTime() - started);
            throw rejected;
        }

        SessionState state = states.take(session, previous);
        boolean applied;
        try {
            applied = apply(session, chunk, state, previous);
        } catch (RuntimeException | Error e) {
            // the state in memory may be half way through this chunk; the store holds the last good one
            states.drop(session);
            throw e;
        }
        long took = System.nanoTime() - started;
        if (applied) {
            metrics.chunkApplied(took);
        } else {
            metrics.chunkDuplicate(took);
        }
    }

    /**
     * A chunk whose seq is not after the last applied one (a producer retry, a replay, a chunk of an
     * ended session), or an empty last chunk of a session not open here (nothing to end). The
     * validator lets only a last chunk be empty.
     */
    private static boolean alreadyApplied(FrameChunk chunk, SessionActivity previous) {
        boolean open = previous != null && !previous.getEnded();
        return previous != null && chunk.getSeq() <= previous.getLastSeq()
                || chunk.getFrames().isEmpty() && !open;
    }

    /** Steps the session by the chunk, emits its words, stores the state; false for a duplicate. */
    private boolean apply(String session, FrameChunk chunk, SessionState state, SessionActivity previous) {
        long started = System.nanoTime();
        ChunkOutcome outcome = inference.recognizer().accept(state, chunk.getSeq(), block);
        if (outcome.duplicate()) {
            // Not a second duplicate check: the state's own last seq always equals the activity
            // record's (both are written in one process() and, under exactly-once, committed in one
            // transaction), so this fires only if the two stores were restored out of step. Then the
            // state is the truth: the model has seen the chunk, and stepping it twice would corrupt it.
            return false;
        }
        metrics.inferenceTook(System.nanoTime() - started);
        if (outcome.gapChunks() > 0) {
            metrics.gap(outcome.gapChunks());
            LOG.warn("{}: {} chunk(s) missing before chunk {}", session, outcome.gapChunks(), chunk.getSeq());
        }
        for (DecodedWord word : outcome.words()) {
            emitWord(session, word);
        }
        SessionActivity now = new SessionActivity(chunk.getSeq(), block.lastCaptureTimeUs(),
                context.currentSystemTimeMs(), false, state.decoder().wordsEmitted());
        if (chunk.getLast()) {
            endSession(session, now, EndReason.LAST_CHUNK);
        } else {
            if (previous == null || previous.getEnded()) {
                activeSessions.incrementAndGet();
            }
            states.put(session, state);
            activity.put(session, now);
        }
        return true;
    }

    private void decodeFrames(FrameChunk chunk) {
        FrameFormat format = chunk.getEncoding() == FrameEncoding.JPEG ? FrameFormat.JPEG : FrameFormat.RAW_RGB24;
        try {
            frameDecoder.decode(format, chunk.getWidth(), chunk.getHeight(), chunk.getFrames(),
                    chunk.getCaptureTimesUs(), block);
        } catch (BadFramesException e) {
            throw new RejectedRecordException(DECODE_STAGE, e.getMessage(), e);
        }
    }

    private void emitWord(String session, DecodedWord word) {
        Instant emitted = Instant.ofEpochMilli(context.currentSystemTimeMs());
        WordEvent event = events.word(session, word, emitted);
        // Record timestamp = emission (wall clock), not capture: words decided from an old recording
        // would otherwise be older than the topic's retention and deleted at its next check. The
        // capture times are in the event; the sink takes its event time from them.
        context.forward(new Record<>(session, event, emitted.toEpochMilli()));
        metrics.wordEmitted(emitted.toEpochMilli() * 1000 - word.lastFrameTimeUs());
    }

    /**
     * The one way a session ends, whatever the reason: a {@code SESSION_END} after its words, its
     * model state deleted, and its activity record kept as the end marker that makes replayed
     * chunks duplicates.
     *
     * @param last the session's activity at its end (its last seq, capture time and words)
     */
    private void endSession(String session, SessionActivity last, EndReason reason) {
        if (reason == EndReason.IDLE_TIMEOUT) {
            LOG.info("{}: no chunk for {} s: ending the session", session, rules.idleTimeout().toSeconds());
        }
        long nowMs = context.currentSystemTimeMs();
        context.forward(new Record<>(session, events.sessionEnd(session, last, Instant.ofEpochMilli(nowMs)), nowMs));
        if (states.delete(session)) {
            activeSessions.decrementAndGet();
        }
        activity.put(session, SessionActivity.newBuilder(last).setEnded(true).build());
        metrics.sessionEnded(reason);
    }

    /** Wall-clock punctuation: ends sessions idle for too long, forgets old end markers. */
    private void endIdleSessions(long nowMs) {
        List<KeyValue<String, SessionActivity>> idle = new ArrayList<>();
        List<String> expiredMarkers = new ArrayList<>();
        long active = 0;
        try (KeyValueIterator<String, SessionActivity> all = activity.all()) {
            while (all.hasNext()) {
                KeyValue<String, SessionActivity> entry = all.next();
                SessionActivity a = entry.value;
                if (a.getEnded()) {
                    if (nowMs - a.getLastActivityMs() > rules.endedRetention().toMillis()) {
                        expiredMarkers.add(entry.key);
                    }
                } else if (nowMs - Math.max(a.getLastActivityMs(), taskStartedMs) > rules.idleTimeout().toMillis()) {
                    // after a failover or an outage the session's chunks may still wait in the
                    // topic: its idle time counts from when this task started, not from before
                    idle.add(entry);
                } else {
                    active++;
                }
            }
        }
        activeSessions.set(active + idle.size());
        for (KeyValue<String, SessionActivity> entry : idle) {
            endSession(entry.key, entry.value, EndReason.IDLE_TIMEOUT);
        }
        expiredMarkers.forEach(activity::delete);
    }

    @Override
    public void close() {
        states.clear();
        metrics.forgetTask(context.taskId());
    }
}
