package dev.signstream.sink.sentence;

import dev.signstream.sink.sentence.avro.SessionSentenceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the sentence store's values: Avro single-object encoding (a fingerprint of the writer
 * schema, then Avro binary). Internal state needs no registry round trip.
 */
final class SessionStateSerde {

    private SessionStateSerde() {
    }

    static Serde<SessionSentenceState> create() {
        Serializer<SessionSentenceState> serializer = (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                ByteBuffer buffer = state.toByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode sentence state", e);
            }
        };
        Deserializer<SessionSentenceState> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return SessionSentenceState.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new SerializationException("unreadable sentence state in " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
