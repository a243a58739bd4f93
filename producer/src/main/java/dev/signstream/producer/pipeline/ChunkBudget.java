package dev.signstream.producer.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * How many bytes one record may take, and a safe upper bound of what a chunk record takes.
 *
 * <p>The limit is the smaller of the producer's {@code max.request.size} and the topic's
 * {@code max.message.bytes}. The bound counts every Avro and header varint as 10 bytes and adds
 * room for the record batch around the record, so a chunk within the budget always fits.
 *
 * @param limitBytes     what one record batch holding the chunk may take
 * @param describedLimit the limit as the user should read it in an error message
 */
public record ChunkBudget(int limitBytes, String describedLimit) {

    /** Record batch header, record framing and the serializer's 5-byte schema prefix, rounded up generously. */
    static final int OVERHEAD_BYTES = 512;
    private static final int VARINT = 10;

    public ChunkBudget {
        if (limitBytes <= 2 * OVERHEAD_BYTES) {
            throw new IllegalArgumentException("a record limit of " + limitBytes + " bytes leaves no room for frames");
        }
    }

    /**
     * The budget for a producer whose {@code max.request.size} and a topic whose
     * {@code max.message.bytes} are given.
     */
    public static ChunkBudget of(int maxRequestSize, int topicMaxMessageBytes) {
        int limit = Math.min(maxRequestSize, topicMaxMessageBytes);
        return new ChunkBudget(limit, limit + " bytes (producer max.request.size " + maxRequestSize
                + ", topic max.message.bytes " + topicMaxMessageBytes + ")");
    }

    /** Upper bound of the bytes a record with these frames and headers takes. */
    public static long recordBound(ChunkFormat format, List<EncodedFrame> frames, List<Header> headers) {
        long bytes = OVERHEAD_BYTES;
        int key = utf8(format.sessionId());
        bytes += VARINT + key;
        bytes += VARINT + key + VARINT + utf8(format.source()) + VARINT + utf8(format.producerId());
        bytes += 6L * VARINT + 4 + 1; // seq, width, height, encoding, two array ends, fps, last
        bytes += 2L * VARINT; // array block counts
        for (EncodedFrame frame : frames) {
            bytes += VARINT + VARINT + frame.data().length; // capture time, length prefix, data
        }
        for (Header header : headers) {
            bytes += VARINT + utf8(header.key()) + VARINT + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    /** True when the record bound is within the budget. */
    public boolean fits(ChunkFormat format, List<EncodedFrame> frames, List<Header> headers) {
        return recordBound(format, frames, headers) <= limitBytes;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
