package dev.signstream.processor;

import io.micrometer.core.instrument.MeterRegistry;

/** What a processor counted, read from its meters by the names {@code /metrics} shows them under. */
record ProcessorCounts(MeterRegistry meters) {

    /** Chunks by outcome: {@code applied}, {@code duplicate}, {@code rejected}. */
    double chunks(String outcome) {
        return meters.get("signstream.processor.chunks").tag("outcome", outcome).counter().count();
    }

    /** How many chunks of an outcome had their {@code process()} time recorded. */
    long timedChunks(String outcome) {
        return meters.get("signstream.processor.chunk").tag("outcome", outcome).timer().count();
    }

    double gapChunks() {
        return meters.get("signstream.processor.gap.chunks").counter().count();
    }

    double words() {
        return meters.get("signstream.processor.words").counter().count();
    }

    /** Sessions ended by a last chunk (with frames or empty). */
    double sessionsEnded() {
        return meters.get("signstream.processor.sessions.ended").counter().count();
    }

    double sessionsEndedIdle() {
        return meters.get("signstream.processor.sessions.idle.ended").counter().count();
    }

    /** State reads {@code from} {@code memory} or {@code store}. */
    double stateReads(String from) {
        return meters.get("signstream.processor.state.reads").tag("from", from).counter().count();
    }

    double statesRefused() {
        return meters.get("signstream.processor.state.refused").counter().count();
    }
}
