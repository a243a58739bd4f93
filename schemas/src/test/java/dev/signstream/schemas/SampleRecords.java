package dev.signstream.schemas;

import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.ByteBuffer;
import java.util.List;

/** Records the tests write. */
final class SampleRecords {

    private SampleRecords() {
    }

    static FrameChunk chunk(String session, long seq) {
        return FrameChunk.newBuilder()
                .setSessionId(session)
                .setSeq(seq)
                .setCaptureTimesUs(List.of(1_000_000L, 1_066_666L))
                .setWidth(2)
                .setHeight(1)
                .setEncoding(FrameEncoding.RAW_RGB24)
                .setFrames(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6}),
                        ByteBuffer.wrap(new byte[] {7, 8, 9, 10, 11, 12})))
                .setFps(15f)
                .setLast(false)
                .setSource("synthetic")
                .setProducerId("test")
                .build();
    }
}
