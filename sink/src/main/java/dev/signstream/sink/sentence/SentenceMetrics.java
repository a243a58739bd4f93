package dev.signstream.sink.sentence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the sentence builder counts, as Micrometer meters ({@code signstream_sink_*} on
 * {@code /metrics}): words by outcome, partial and final sentences (finals by close reason),
 * lexicon hits, and the delay from a word's emission by the processor to the sink.
 */
public final class SentenceMetrics {

    private final Counter wordsApplied;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter partials;
    private final Map<CloseReason, Counter> finals = new EnumMap<>(CloseReason.class);
    private final Counter lexiconMatched;
    private final Counter lexiconUnmatched;
    private final Timer wordDelay;
    private final Counter sessionsEnded;

    /** Registers the meters. */
    public SentenceMetrics(MeterRegistry registry) {
        wordsApplied = Counter.builder("signstream.sink.words").tag("outcome", "applied")
                .description("Word events added to a sentence").register(registry);
        duplicates = Counter.builder("signstream.sink.words").tag("outcome", "duplicate")
                .description("Word events skipped because their word index was already applied").register(registry);
        rejected = Counter.builder("signstream.sink.words").tag("outcome", "rejected")
                .description("Word events sent to the dead-letter topic as malformed").register(registry);
        partials = Counter.builder("signstream.sink.sentences").tag("kind", "partial").tag("reason", "word")
                .register(registry);
        for (CloseReason reason : CloseReason.values()) {
            finals.put(reason, Counter.builder("signstream.sink.sentences").tag("kind", "final")
                    .tag("reason", reason.tag()).register(registry));
        }
        lexiconMatched = Counter.builder("signstream.sink.lexicon").tag("result", "matched")
                .description("Final sentences shown as a lexicon sentence").register(registry);
        lexiconUnmatched = Counter.builder("signstream.sink.lexicon").tag("result", "unmatched").register(registry);
        wordDelay = Timer.builder("signstream.sink.word.delay")
                .description("Wall time from the processor emitting a word to the sink applying it")
                .publishPercentiles(0.5, 0.99).register(registry);
        sessionsEnded = Counter.builder("signstream.sink.sessions.ended")
                .description("Sessions ended (an end marker written after their last final sentence)").register(registry);
    }

    void wordApplied(long emitTimeMs, long nowMs) {
        wordsApplied.increment();
        if (emitTimeMs > 0 && nowMs >= emitTimeMs) {
            wordDelay.record(Duration.ofMillis(nowMs - emitTimeMs));
        }
    }

    void sessionEnded() {
        sessionsEnded.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void partial() {
        partials.increment();
    }

    void closed(CloseReason reason, boolean matched) {
        finals.get(reason).increment();
        (matched ? lexiconMatched : lexiconUnmatched).increment();
    }
}
