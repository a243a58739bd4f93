package dev.signstream.inference.bench;

/** Calls, frames, elapsed time and heap bytes allocated by one measured loop (or several added up). */
record Measurement(long calls, long frames, double seconds, long allocatedBytes) {

    static final Measurement NONE = new Measurement(0, 0, 0, 0);

    Measurement plus(Measurement other) {
        return new Measurement(calls + other.calls, frames + other.frames, seconds + other.seconds,
                allocatedBytes + other.allocatedBytes);
    }

    double framesPerSecond() {
        return frames / seconds;
    }

    double millisPerCall() {
        return 1000 * seconds / calls;
    }

    double bytesPerCall() {
        return (double) allocatedBytes / calls;
    }
}
