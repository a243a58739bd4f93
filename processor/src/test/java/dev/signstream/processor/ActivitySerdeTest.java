package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.processor.avro.SessionActivity;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ActivitySerdeTest {

    private static final String TOPIC = "app-session-activity-changelog";
    private final Serde<SessionActivity> serde = ActivitySerde.create();

    @Test
    void anActivityRecordReadsBackAsWritten() {
        SessionActivity activity = new SessionActivity(41L, 1_700_000_000_123_456L, 1_767_225_600_000L, true, 7);

        byte[] bytes = serde.serializer().serialize(TOPIC, activity);

        assertThat(bytes[0]).as("single-object encoding's marker").isEqualTo((byte) 0xC3);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(activity);
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void theFixedLayoutOfEarlierVersionsStillReads() {
        byte[] legacy = ByteBuffer.allocate(ActivitySerde.LEGACY_BYTES).put((byte) 1).putLong(41L)
                .putLong(1_700_000_000_123_456L).putLong(1_767_225_600_000L).put((byte) 1).putInt(7).array();

        assertThat(serde.deserializer().deserialize(TOPIC, legacy))
                .isEqualTo(new SessionActivity(41L, 1_700_000_000_123_456L, 1_767_225_600_000L, true, 7));
    }

    @Test
    void otherBytesAreRefused() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {9, 9, 9}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreadable SessionActivity in " + TOPIC);
    }
}
