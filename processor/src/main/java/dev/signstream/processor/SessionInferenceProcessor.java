package dev.signstream.processor;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.frames.BadFramesException;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.frames.FrameFormat;
import dev.signstream.inference.recognition.ChunkOutcome;
import dev.signstream.inference.state.SessionState;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.service.RejectedRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 * counted); a gap is applied and counted (and noted in the next word); {@code last} or the idle
 * timeout ends the session: a {@code SESSION_END} event follows the words (none is pending: the
 * decoder decides every word at a reading),
 * the model state is deleted and a small end marker stays for a while so replayed chunks of the
 * session are still recognised as duplicates.
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
    private KeyValueStore<String, byte[]> activity;
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
            partitionCheck.check(session, context.recordMetadata().map(m -> m.partition()).orElse(-1));
        } catch (RejectedRecordException rejected) {
            rejected(started);
            throw rejected;
        }

        // Cheap rejects first: the session's 30-byte activity record decides duplicates and chunks
        // of ended sessions before any frame is decoded or any state is read.
        SessionActivity previous = readActivity(session);
        if (previous != null && chunk.getSeq() <= previous.lastSeq()) {
            metrics.chunksDuplicate.increment();
            metrics.duplicateTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return;
        }
        if (chunk.getFrames().isEmpty()) {
            endWithoutFrames(session, chunk.getSeq(), previous);
            return;
        }
        if (previous != null && previous.ended()) {
            LOG.info("{}: chunk {} after the session ended at chunk {}: starting it again", session,
                    chunk.getSeq(), previous.lastSeq());
        }
        try {
            decodeFrames(chunk);
        } catch (RejectedRecordException rejected) {
            rejected(started);
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
        (applied ? metrics.appliedTime : metrics.duplicateTime).record(System.nanoTime() - started,
                TimeUnit.NANOSECONDS);
    }

    private void rejected(long started) {
        metrics.chunksRejected.increment();
        metrics.rejectedTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Steps the session by the chunk, emits its words, stores the state; false for a duplicate. */
    private boolean apply(String session, FrameChunk chunk, SessionState state, SessionActivity previous) {
        long started = System.nanoTime();
        ChunkOutcome outcome = inference.recognizer().accept(state, chunk.getSeq(), block);
        if (outcome.duplicate()) {
            metrics.chunksDuplicate.increment();
            return false;
        }
        metrics.inference.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        metrics.chunksApplied.increment();
        if (outcome.gapChunks() > 0) {
            metrics.gapChunks.increment(outcome.gapChunks());
            LOG.warn("{}: {} chunk(s) missing before chunk {}", session, outcome.gapChunks(), chunk.getSeq());
        }

        long lastCaptureUs = block.lastCaptureTimeUs();
        for (DecodedWord word : outcome.words()) {
            emitWord(session, word);
        }
        int wordCount = state.decoder().wordsEmitted();
        SessionActivity now = new SessionActivity(chunk.getSeq(), lastCaptureUs,
                context.currentSystemTimeMs(), false, wordCount);
        if (chunk.getLast()) {
            end(session, now);
            metrics.sessionsEnded.increment();
        } else {
            if (previous == null || previous.ended()) {
                activeSessions.incrementAndGet();
            }
            states.put(session, state);
            activity.put(session, now.toBytes());
        }
        return true;
    }

    /** An empty last chunk (a source that failed or ended on a chunk boundary) ends the session. */
    private void endWithoutFrames(String session, long seq, SessionActivity previous) {
        if (previous == null || previous.ended()) {
            metrics.chunksDuplicate.increment();
            return;
        }
        metrics.chunksApplied.increment();
        end(session, new SessionActivity(seq, previous.lastCaptureUs(), context.currentSystemTimeMs(), false,
                previous.words()));
        metrics.sessionsEnded.increment();
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

    private SessionActivity readActivity(String session) {
        byte[] bytes = activity.get(session);
        return bytes == null ? null : SessionActivity.fromBytes(bytes);
    }

    private void emitWord(String session, DecodedWord word) {
        Instant emitted = Instant.ofEpochMilli(context.currentSystemTimeMs());
        WordEvent event = events.word(session, word, emitted);
        // Record timestamp = emission (wall clock), not capture: words decided from an old recording
        // would otherwise be older than the topic's retention and deleted at its next check. The
        // capture times are in the event; the sink takes its event time from them.
        context.forward(new Record<>(session, event, emitted.toEpochMilli()));
        metrics.words.increment();
        long latencyUs = emitted.toEpochMilli() * 1000 - word.lastFrameTimeUs();
        if (latencyUs >= 0) {
            metrics.decisionToWord.record(latencyUs, TimeUnit.MICROSECONDS);
        }
    }

    /** Emits the end of the session, deletes its model state and keeps its end marker. */
    private void end(String session, SessionActivity last) {
        long nowMs = context.currentSystemTimeMs();
        context.forward(new Record<>(session, events.sessionEnd(session, last, Instant.ofEpochMilli(nowMs)), nowMs));
        if (states.delete(session)) {
            activeSessions.decrementAndGet();
        }
        activity.put(session, last.end().toBytes());
    }

    /** Wall-clock punctuation: ends sessions idle for too long, forgets old end markers. */
    private void endIdleSessions(long nowMs) {
        List<KeyValue<String, SessionActivity>> idle = new ArrayList<>();
        List<String> expiredMarkers = new ArrayList<>();
        long active = 0;
        try (KeyValueIterator<String, byte[]> all = activity.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                SessionActivity a = SessionActivity.fromBytes(entry.value);
                if (a.ended()) {
                    if (nowMs - a.lastActivityMs() > rules.endedRetention().toMillis()) {
                        expiredMarkers.add(entry.key);
                    }
                } else if (nowMs - Math.max(a.lastActivityMs(), taskStartedMs) > rules.idleTimeout().toMillis()) {
                    // after a failover or an outage the session's chunks may still wait in the
                    // topic: its idle time counts from when this task started, not from before
                    idle.add(KeyValue.pair(entry.key, a));
                } else {
                    active++;
                }
            }
        }
        activeSessions.set(active + idle.size());
        for (KeyValue<String, SessionActivity> entry : idle) {
            endIdle(entry.key, entry.value);
        }
        expiredMarkers.forEach(activity::delete);
    }

    private void endIdle(String session, SessionActivity last) {
        LOG.info("{}: no chunk for {} s: ending the session", session, rules.idleTimeout().toSeconds());
        end(session, last);
        metrics.sessionsIdleEvicted.increment();
    }

    @Override
    public void close() {
        states.clear();
        metrics.forgetTask(context.taskId());
    }
}
