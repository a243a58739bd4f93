package dev.signstream.sink.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/** Server-sent-event meters: connected clients, events sent, clients dropped for falling behind. */
final class SseMetrics {

    private final Counter sent;
    private final Counter overflows;
    private final Counter refused;

    SseMetrics(MeterRegistry registry, Set<?> connected) {
        sent = Counter.builder("signstream.sink.sse.events").description("Caption events sent to SSE clients")
                .register(registry);
        overflows = Counter.builder("signstream.sink.sse.overflows")
                .description("SSE clients disconnected because they fell too far behind").register(registry);
        refused = Counter.builder("signstream.sink.sse.refused")
                .description("Event streams refused because a stream limit was reached").register(registry);
        registry.gauge("signstream.sink.sse.clients", connected, Set::size);
    }

    void sent() {
        sent.increment();
    }

    void refused() {
        refused.increment();
    }

    void overflow() {
        overflows.increment();
    }
}
