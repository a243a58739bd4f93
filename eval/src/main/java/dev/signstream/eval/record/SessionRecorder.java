package dev.signstream.eval.record;

import dev.signstream.producer.pipeline.ChunkAssembler;
import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.ChunkFormat;
import dev.signstream.producer.pipeline.ChunkSink;
import dev.signstream.producer.pipeline.EncodedFrame;
import dev.signstream.producer.pipeline.FrameEncoder;
import dev.signstream.producer.pipeline.OutgoingChunk;
import dev.signstream.producer.pipeline.ProducerStats;
import java.util.List;

/**
 * Records one session on the calling thread through the producer's pipeline: each frame is encoded
 * ({@link FrameEncoder}), grouped into chunks with its truth headers ({@link ChunkAssembler}) and
 * handed to the sink; the final frame closes the session's {@code last} chunk. Files are not live, so
 * nothing is queued or dropped.
 */
final class SessionRecorder {

    private final RecordSettings settings;
    private final ChunkSink sink;
    private final ChunkBudget budget;
    private final ProducerStats stats;

    SessionRecorder(RecordSettings settings, ChunkSink sink, ChunkBudget budget, ProducerStats stats) {
        this.settings = settings;
        this.sink = sink;
        this.budget = budget;
        this.stats = stats;
    }

    /**
     * Publishes the session's chunks.
     *
     * @return frames recorded
     */
    long record(LabelledSession session, long startMicros) throws InterruptedException {
        ChunkFormat format = new ChunkFormat(session.sessionId(), session.size(), session.size(), settings.encoding(),
                (float) session.fps(), session.source(), settings.producerId());
        ChunkAssembler assembler = new ChunkAssembler(format, settings.chunkFrames(), budget,
                session.truthHeaders(startMicros));
        long[] frames = {0};
        boolean[] ended = {false};
        try (FrameEncoder encoder = FrameEncoder.create(settings.encoding(), session.size(), settings.jpegQscale())) {
            session.play(startMicros, (rgb, truth) -> {
                if (ended[0]) {
                    throw new IllegalStateException("session " + session.sessionId() + " has a frame after its last one");
                }
                boolean full = assembler.add(new EncodedFrame(encoder.encode(rgb), truth.captureMicros(), truth,
                        truth.last()), 0);
                stats.frameCaptured();
                frames[0]++;
                if (truth.last()) {
                    send(assembler.flush(true, 0));
                    ended[0] = true;
                } else if (full) {
                    send(assembler.flush(false, 0));
                }
            });
        }
        if (!ended[0]) {
            throw new IllegalStateException("session " + session.sessionId() + " ended without a final frame");
        }
        return frames[0];
    }

    private void send(List<OutgoingChunk> chunks) throws InterruptedException {
        for (OutgoingChunk chunk : chunks) {
            sink.send(chunk);
            stats.chunkSent();
        }
    }
}
