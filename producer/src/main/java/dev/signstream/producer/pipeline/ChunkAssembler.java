package dev.signstream.producer.pipeline;

import dev.signstream.schemas.avro.FrameChunk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * Groups one session's encoded frames into {@link FrameChunk}s of N frames with contiguous
 * {@code seq} numbers from 0, the ground-truth headers of their frames, and a {@code last} chunk
 * at the end.
 *
 * <p>A chunk larger than the record budget is split into smaller chunks (still contiguous in
 * {@code seq}); a single frame over the budget is refused with {@link ChunkTooLargeException}.
 * The end-of-stream chunk carries whatever frames remain; if none remain it is an empty chunk
 * with {@code last = true}. Not thread-safe: the session's publisher thread owns it.
 */
public final class ChunkAssembler {

    private final ChunkFormat format;
    private final int chunkFrames;
    private final ChunkBudget budget;
    private final TruthHeaders truth;
    private final List<EncodedFrame> pending;
    private long droppedSincePrevious;
    private long lastCaptureMicros = Long.MIN_VALUE;
    private long lastAnnouncedWord = -1;
    private long nextSeq;
    private boolean ended;

    /**
     * @param truth builds ground-truth headers, or null for sources without ground truth
     */
    public ChunkAssembler(ChunkFormat format, int chunkFrames, ChunkBudget budget, TruthHeaders truth) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("a chunk needs at least one frame, got " + chunkFrames);
        }
        this.format = format;
        this.chunkFrames = chunkFrames;
        this.budget = budget;
        this.truth = truth;
        this.pending = new ArrayList<>(chunkFrames);
    }

    /**
     * Adds a frame.
     *
     * @param droppedBefore frames dropped by the queue right before this one
     * @return true when a full chunk is pending and {@link #flush} should be called
     */
    public boolean add(EncodedFrame frame, long droppedBefore) {
        if (ended) {
            throw new IllegalStateException("session " + format.sessionId() + " already sent its last chunk");
        }
        if (frame.captureMicros() <= lastCaptureMicros) {
            throw new IllegalStateException("capture times of session " + format.sessionId() + " must increase: "
                    + frame.captureMicros() + " after " + lastCaptureMicros);
        }
        lastCaptureMicros = frame.captureMicros();
        pending.add(frame);
        droppedSincePrevious += droppedBefore;
        return pending.size() >= chunkFrames;
    }

    /**
     * Builds the chunks of the pending frames (usually one; more when the budget forces a split).
     *
     * @param last true at the end of the stream: the final chunk gets {@code last = true}, even
     *             when no frames are pending
     * @param droppedAtEnd frames dropped after the last pending frame (counted on the last chunk)
     */
    public List<OutgoingChunk> flush(boolean last, long droppedAtEnd) {
        if (ended) {
            throw new IllegalStateException("session " + format.sessionId() + " already sent its last chunk");
        }
        droppedSincePrevious += droppedAtEnd;
        List<OutgoingChunk> out = new ArrayList<>(1);
        int start = 0;
        while (start < pending.size()) {
            int count = pending.size() - start;
            List<Header> headers = headersFor(pending.subList(start, start + count), out.isEmpty());
            while (!budget.fits(format, pending.subList(start, start + count), headers)) {
                if (count == 1) {
                    throw new ChunkTooLargeException("one " + format.encoding() + " frame of session "
                            + format.sessionId() + " takes " + pending.get(start).data().length
                            + " bytes, more than a record may hold: " + budget.describedLimit()
                            + "; use a smaller frame size, JPEG encoding, or raise the topic's max.message.bytes");
                }
                count = (count + 1) / 2;
                headers = headersFor(pending.subList(start, start + count), out.isEmpty());
            }
            List<EncodedFrame> frames = pending.subList(start, start + count);
            boolean endsStream = last && start + count == pending.size();
            out.add(new OutgoingChunk(chunk(frames, endsStream), headers));
            lastAnnouncedWord = TruthHeaders.lastWord(frames, lastAnnouncedWord);
            start += count;
        }
        if (last && pending.isEmpty()) {
            out.add(new OutgoingChunk(chunk(List.of(), true), headersFor(List.of(), true)));
        }
        pending.clear();
        droppedSincePrevious = 0;
        ended = last;
        return out;
    }

    /** Number of frames waiting for the next chunk. */
    public int pending() {
        return pending.size();
    }

    /** The {@code seq} the next chunk gets. */
    public long nextSeq() {
        return nextSeq;
    }

    private List<Header> headersFor(List<EncodedFrame> frames, boolean first) {
        List<Header> headers = new ArrayList<>(6);
        if (truth != null) {
            headers.addAll(truth.headers(frames, lastAnnouncedWord));
        }
        if (first && droppedSincePrevious > 0) {
            headers.add(TruthHeaders.header(ChunkHeaders.DROPPED, Long.toString(droppedSincePrevious)));
        }
        return headers;
    }

    private FrameChunk chunk(List<EncodedFrame> frames, boolean last) {
        List<Long> times = new ArrayList<>(frames.size());
        List<ByteBuffer> data = new ArrayList<>(frames.size());
        for (EncodedFrame frame : frames) {
            times.add(frame.captureMicros());
            data.add(ByteBuffer.wrap(frame.data()));
        }
        return FrameChunk.newBuilder()
                .setSessionId(format.sessionId())
                .setSeq(nextSeq++)
                .setCaptureTimesUs(times)
                .setWidth(format.width())
                .setHeight(format.height())
                .setEncoding(format.encoding())
                .setFrames(data)
                .setFps(format.fps())
                .setLast(last)
                .setSource(format.source())
                .setProducerId(format.producerId())
                .build();
    }
}
