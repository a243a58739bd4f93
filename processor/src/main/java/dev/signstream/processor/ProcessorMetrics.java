package dev.signstream.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's meters, exposed on {@code /metrics} (Prometheus names in brackets):
 * chunks by outcome [{@code signstream_processor_chunks_total}], missing chunks
 * [{@code signstream_processor_gap_chunks_total}], inference latency per chunk
 * [{@code signstream_processor_inference_seconds}], decision to word (docs/latency.md)
 * [{@code signstream_processor_decision_to_word_seconds}], words, ended sessions, active sessions,
 * stored state bytes per session, dead letters written by the processor, sessions whose stored
 * state came from another model version, the time {@code process()} takes per chunk by outcome
 * [{@code signstream_processor_chunk_seconds}] (what a duplicate costs against an applied chunk), and
 * whether a chunk found its session decoded in memory or decoded it from the store
 * [{@code signstream_processor_state_reads_total{from=memory|store}}].
 */
final class ProcessorMetrics {

    private final Counter chunksApplied;
    private final Counter chunksDuplicate;
    private final Counter chunksRejected;
    private final Timer appliedTime;
    private final Timer duplicateTime;
    private final Timer rejectedTime;
    private final Counter gapChunks;
    private final Timer inference;
    private final Counter words;
    private final Timer decisionToWord;
    private final Counter sessionsEnded;
    private final Counter sessionsIdleEnded;
    private final Counter stateFromMemory;
    private final Counter stateFromStore;
    private final Counter stateRefused;
    private final DistributionSummary stateBytes;
    private final Map<Object, AtomicLong> activeByTask = new ConcurrentHashMap<>();

    ProcessorMetrics(MeterRegistry registry) {
        chunksApplied = chunks(registry, "applied");
        chunksDuplicate = chunks(registry, "duplicate");
        chunksRejected = chunks(registry, "rejected");
        gapChunks = Counter.builder("signstream.processor.gap.chunks")
                .description("chunks missing in sessions (seq gaps)").register(registry);
        words = Counter.builder("signstream.processor.words").description("words emitted").register(registry);
        sessionsEnded = Counter.builder("signstream.processor.sessions.ended")
                .description("sessions ended by their last chunk").register(registry);
        sessionsIdleEnded = Counter.builder("signstream.processor.sessions.idle.ended")
                .description("sessions ended by the idle timeout").register(registry);
        stateRefused = Counter.builder("signstream.processor.state.refused")
                .description("stored session states refused (another model version, unreadable): the session started fresh")
                .register(registry);
        inference = Timer.builder("signstream.processor.inference")
                .description("time to apply one chunk: model step (batched) and word decoder")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        appliedTime = chunkTime(registry, "applied");
        duplicateTime = chunkTime(registry, "duplicate");
        rejectedTime = chunkTime(registry, "rejected");
        stateFromMemory = stateReads(registry, "memory");
        stateFromStore = stateReads(registry, "store");
        decisionToWord = Timer.builder("signstream.processor.decision.to.word")
                .description("decision to word: from the capture of the frame that decided a word to its emission")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        stateBytes = DistributionSummary.builder("signstream.processor.state.bytes")
                .description("stored model state per session").baseUnit("bytes").register(registry);
        Gauge.builder("signstream.processor.sessions.active", activeByTask,
                        tasks -> tasks.values().stream().mapToLong(AtomicLong::get).sum())
                .description("sessions with model state on this instance").register(registry);
    }

    private static Counter chunks(MeterRegistry registry, String outcome) {
        return Counter.builder("signstream.processor.chunks").tag("outcome", outcome)
                .description("frame chunks by outcome").register(registry);
    }

    private static Timer chunkTime(MeterRegistry registry, String outcome) {
        return Timer.builder("signstream.processor.chunk").tag("outcome", outcome)
                .description("time process() takes for one frame chunk, by outcome (deserialization not included)")
                .register(registry);
    }

    private static Counter stateReads(MeterRegistry registry, String from) {
        return Counter.builder("signstream.processor.state.reads").tag("from", from)
                .description("session states a chunk needed: kept decoded in memory, or decoded from the store")
                .register(registry);
    }

    /** A chunk was applied (or an empty last chunk ended its session); {@code nanos} in {@code process()}. */
    void chunkApplied(long nanos) {
        chunksApplied.increment();
        appliedTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A chunk was skipped as already applied (or as an empty last chunk of no open session). */
    void chunkDuplicate(long nanos) {
        chunksDuplicate.increment();
        duplicateTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A chunk was refused (it becomes a dead letter). */
    void chunkRejected(long nanos) {
        chunksRejected.increment();
        rejectedTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Chunks missing before an applied one. */
    void gap(long missingChunks) {
        gapChunks.increment(missingChunks);
    }

    /** The model step and the word decoder took {@code nanos} for one chunk. */
    void inferenceTook(long nanos) {
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A word was emitted, {@code latencyUs} after the capture of the frame that decided it
     * (negative: clocks apart, not recorded).
     */
    void wordEmitted(long latencyUs) {
        words.increment();
        if (latencyUs >= 0) {
            decisionToWord.record(latencyUs, TimeUnit.MICROSECONDS);
        }
    }

    /** A session ended (the idle timeout counts apart from the ends a source sent). */
    void sessionEnded(EndReason reason) {
        (reason == EndReason.IDLE_TIMEOUT ? sessionsIdleEnded : sessionsEnded).increment();
    }

    /** A chunk found its session's state kept decoded in memory. */
    void stateFromMemory() {
        stateFromMemory.increment();
    }

    /** A chunk decoded its session's state from the store. */
    void stateFromStore() {
        stateFromStore.increment();
    }

    /** A stored state was refused (another model version, unreadable): the session started fresh. */
    void stateRefused() {
        stateRefused.increment();
    }

    /** A session's state of {@code bytes} was stored. */
    void stateStored(int bytes) {
        stateBytes.record(bytes);
    }

    /** The active-session count of one task, updated by its punctuator. */
    AtomicLong activeSessions(Object task) {
        return activeByTask.computeIfAbsent(task, t -> new AtomicLong());
    }

    void forgetTask(Object task) {
        activeByTask.remove(task);
    }
}
