package dev.signstream.sink.hls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The HLS rendition's meters ({@code signstream_sink_hls_*} on {@code /metrics}): segments
 * published, cues by placement, finals that came after their session's end, and
 * {@code signstream_sink_decision_to_segment_seconds}: from the decision of a sentence's last word
 * (its {@code end_time_us}) to the first segment holding it published (docs/latency.md).
 */
final class HlsMetrics {

    private final Counter segments;
    private final Counter onTime;
    private final Counter late;
    private final Counter afterEnd;
    private final Timer publishDelay;

    HlsMetrics(MeterRegistry registry) {
        segments = Counter.builder("signstream.sink.hls.segments").description("Subtitle segments published")
                .register(registry);
        onTime = Counter.builder("signstream.sink.hls.cues").tag("placement", "on-time")
                .description("Cues placed in the segments of their own time").register(registry);
        late = Counter.builder("signstream.sink.hls.cues").tag("placement", "late")
                .description("Cues whose segments were published before their sentence was final: shown late")
                .register(registry);
        afterEnd = Counter.builder("signstream.sink.hls.finals.after.end")
                .description("Final sentences of a session read after its end marker (not in the playlist)")
                .register(registry);
        publishDelay = Timer.builder("signstream.sink.decision.to.segment")
                .description("decision to segment (docs/latency.md): from the capture of the frame that decided a"
                        + " sentence's last word to the first segment holding it published")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void segment() {
        segments.increment();
    }

    void cue(boolean isLate) {
        (isLate ? late : onTime).increment();
    }

    void afterEnd() {
        afterEnd.increment();
    }

    void published(long delayMs) {
        if (delayMs >= 0) {
            publishDelay.record(Duration.ofMillis(delayMs));
        }
    }
}
