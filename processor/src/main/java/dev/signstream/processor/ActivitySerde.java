package dev.signstream.processor;

import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.StateSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serde of the activity store's values: single-object encoded Avro ({@link StateSerde}), as the
 * sink's sentence state. It also reads the fixed 30-byte layout earlier versions wrote, so a store
 * restored from an older changelog still reads; every record written from then on is Avro. (A
 * single-object value starts with 0xC3, the old layout with its format byte 1.)
 */
final class ActivitySerde {

    /** The earlier layout: format 1, last seq, last capture, last activity, ended, words. */
    static final int LEGACY_BYTES = 1 + 8 + 8 + 8 + 1 + 4;
    private static final byte LEGACY_FORMAT = 1;

    private ActivitySerde() {
    }

    static Serde<SessionActivity> create() {
        Serde<SessionActivity> avro = StateSerde.of(SessionActivity.class);
        Deserializer<SessionActivity> reader = (topic, bytes) -> isLegacy(bytes) ? readLegacy(bytes)
                : avro.deserializer().deserialize(topic, bytes);
        return Serdes.serdeFrom(avro.serializer(), reader);
    }

    private static boolean isLegacy(byte[] bytes) {
        return bytes != null && bytes.length == LEGACY_BYTES && bytes[0] == LEGACY_FORMAT;
    }

    private static SessionActivity readLegacy(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LEGACY_BYTES - 1);
        return new SessionActivity(in.getLong(), in.getLong(), in.getLong(), in.get() == 1, in.getInt());
    }
}
