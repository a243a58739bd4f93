package dev.signstream.producer.pipeline;

import dev.signstream.schemas.avro.FrameChunk;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * A chunk ready to send: the value and its record headers (ground truth, drop counts).
 *
 * @param value   the Avro value; its session id is the record key
 * @param headers record headers, possibly empty
 */
public record OutgoingChunk(FrameChunk value, List<Header> headers) {

    public OutgoingChunk {
        headers = List.copyOf(headers);
    }

    public String key() {
        return value.getSessionId();
    }
}
