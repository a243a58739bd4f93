package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.avro.FrameChunk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Every way a value can be unreadable fails with a reason a user can act on, not the library's
 * exception of the moment; a registry that does not answer is an outage, not a bad record.
 */
@WithKafka
class UnreadableValuesTest {

    private static final String TOPIC = "unreadable-values.frames";

    @Test
    void eachUnreadableValueFailsWithAReasonNamingTheFault(KafkaStack stack) {
        var serde = new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(FrameChunk.class);
        byte[] good = serde.serializer().serialize(TOPIC, SampleRecords.chunk("s", 1));
        Deserializer<FrameChunk> values = serde.deserializer();

        assertThat(values.deserialize(TOPIC, good)).isEqualTo(SampleRecords.chunk("s", 1));
        // a tombstone stays null: whether it is acceptable is the consumer's decision
        assertThat(values.deserialize(TOPIC, null)).isNull();
        assertReason(values, new byte[0], "empty value (0 bytes): not a record in the Confluent wire format");
        assertReason(values, "?garbage".getBytes(StandardCharsets.UTF_8),
                "not in the Confluent wire format (first byte 0x3f, expected 0)");
        assertReason(values, new byte[] {0, 0, 1}, "not in the Confluent wire format (3 bytes; a magic byte and a"
                + " 4-byte schema id come first)");
        assertReason(values, new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2, 4, 6}, "schema id 999999 unknown to the registry");
        int id = java.nio.ByteBuffer.wrap(good, 1, 4).getInt();
        assertReason(values, Arrays.copyOf(good, good.length - 3), "Avro record truncated: " + (good.length - 8)
                + " bytes after the header do not hold a whole FrameChunk of schema id " + id);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAnOutageNotABadRecord() {
        var values = new AvroSerdes("http://127.0.0.1:9/apis/registry/v2", Map.of()).valueSerde(FrameChunk.class)
                .deserializer();
        assertThatThrownBy(() -> values.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2, 4}))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("cannot reach the schema registry at http://127.0.0.1:9/apis/registry/v2");
    }

    private static void assertReason(Deserializer<FrameChunk> values, byte[] bytes, String reason) {
        assertThatThrownBy(() -> values.deserialize(TOPIC, bytes))
                .isInstanceOf(UnreadableRecordException.class)
                .satisfies(e -> assertThat(DeadLetters.describe(e)).isEqualTo(reason));
    }
}
