package dev.signstream.inference.bench;

/** A benchmark loop that runs calls for a while and says what they cost. */
interface MeasuredLoop extends AutoCloseable {

    Measurement runFor(double seconds) throws Exception;
}
