package dev.signstream.schemas.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.UnreadableRecordException;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** The in-memory registry behind the real serdes: the same bytes and the same faults as a real registry. */
class InMemoryRegistryTest {

    private static final String TOPIC = "memory.frames";

    @Test
    void valuesTravelInTheConfluentWireFormatBetweenSerdesOfOneRegistry() {
        AvroSerdes serdes = InMemoryRegistry.serdes();
        FrameChunk sent = chunk();

        byte[] bytes = serdes.valueSerde(FrameChunk.class).serializer().serialize(TOPIC, sent);

        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isPositive();
        // another serde of the same serdes (another client of the same registry) reads it
        assertThat(serdes.valueSerde(FrameChunk.class).deserializer().deserialize(TOPIC, bytes)).isEqualTo(sent);
        assertThat(serdes.valueSerde(FrameChunk.class).deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void eachSchemaOfASubjectGetsOneIdAndEachSubjectItsOwn() {
        AvroSerdes serdes = InMemoryRegistry.serdes();
        byte[] first = serdes.valueSerde(FrameChunk.class).serializer().serialize(TOPIC, chunk());
        byte[] again = serdes.valueSerde(FrameChunk.class).serializer().serialize(TOPIC, chunk());
        byte[] other = serdes.valueSerde(FrameChunk.class).serializer().serialize("memory.replay", chunk());

        assertThat(id(again)).isEqualTo(id(first));
        assertThat(id(other)).isNotEqualTo(id(first));
    }

    @Test
    void anUnknownIdIsReportedAsTheRealRegistrysIs() {
        Deserializer<WordEvent> words = InMemoryRegistry.serdes().valueSerde(WordEvent.class).deserializer();

        assertThatThrownBy(() -> words.deserialize(TOPIC, new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2, 4, 6}))
                .isInstanceOf(UnreadableRecordException.class)
                .satisfies(e -> assertThat(DeadLetters.describe(e)).isEqualTo("schema id 999999 unknown to the registry"));
    }

    private static int id(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    private static FrameChunk chunk() {
        return FrameChunk.newBuilder()
                .setSessionId("s")
                .setSeq(1)
                .setCaptureTimesUs(List.of(1L))
                .setWidth(2)
                .setHeight(1)
                .setEncoding(FrameEncoding.RAW_RGB24)
                .setFrames(List.of(ByteBuffer.wrap(new byte[6])))
                .setFps(15f)
                .setLast(false)
                .setSource("test")
                .setProducerId("test")
                .build();
    }
}
