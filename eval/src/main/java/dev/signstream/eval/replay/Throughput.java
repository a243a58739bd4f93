package dev.signstream.eval.replay;

/**
 * How fast one model's replay ran.
 *
 * @param videoSeconds      stored video in the range
 * @param frames            frames in the range
 * @param chunks            chunks in the range
 * @param startupSeconds    model load, topic checks and joining the group
 * @param processingSeconds from Streams running to the last event emitted
 * @param totalSeconds      from the start of the replay to the last word collected
 * @param onnxCalls         ONNX calls
 * @param steps             session steps in them
 */
public record Throughput(double videoSeconds, long frames, long chunks, double startupSeconds, double processingSeconds,
                         double totalSeconds, long onnxCalls, long steps) {

    /** Stored video seconds per processing second. */
    public double realTimeFactor() {
        return videoSeconds / processingSeconds;
    }

    /** Stored video seconds per second of the whole replay, start-up included. */
    public double realTimeFactorTotal() {
        return videoSeconds / totalSeconds;
    }

    public double framesPerSecond() {
        return frames / processingSeconds;
    }

    /** Mean sessions per ONNX call. */
    public double meanBatch() {
        return onnxCalls == 0 ? Double.NaN : (double) steps / onnxCalls;
    }
}
