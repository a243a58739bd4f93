package dev.signstream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of a role's internal state (a state store's values and their changelog): Avro
 * single-object encoding, the writer schema's fingerprint and then Avro binary. Internal state
 * never leaves its role, so it needs no registry round trip; the fingerprint still refuses bytes
 * written with another schema instead of misreading them.
 */
public final class StateSerde {

    private StateSerde() {
    }

    /** The serde of a generated Avro class; {@code null} stays {@code null} (a deleted entry). */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        String name = type.getSimpleName();
        Serializer<T> serializer = (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(state);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode a " + name, e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("unreadable " + name + " in " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
