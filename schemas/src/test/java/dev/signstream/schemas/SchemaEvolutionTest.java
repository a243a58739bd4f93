package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.avro.FrameChunk;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

@WithKafka
class SchemaEvolutionTest {

    /** FrameChunk as a first release might have had it: no source, no producer id, no last flag. */
    private static final String OLD_SCHEMA = """
            {"type": "record", "namespace": "dev.signstream.schemas.avro", "name": "FrameChunk", "fields": [
              {"name": "session_id", "type": "string"},
              {"name": "seq", "type": "long"},
              {"name": "capture_times_us", "type": {"type": "array", "items": "long"}},
              {"name": "width", "type": "int"},
              {"name": "height", "type": "int"},
              {"name": "encoding", "type": {"type": "enum", "name": "FrameEncoding",
                  "symbols": ["UNKNOWN", "JPEG", "RAW_RGB24"], "default": "UNKNOWN"}},
              {"name": "frames", "type": {"type": "array", "items": "bytes"}},
              {"name": "fps", "type": "float"}
            ]}""";

    @Test
    void aReaderWithTheNewerSchemaReadsRecordsWrittenWithTheOldOne(KafkaStack stack) {
        // Given a record written with the old schema, registered under its own id
        Schema old = new Schema.Parser().parse(OLD_SCHEMA);
        GenericRecord written = new GenericData.Record(old);
        written.put("session_id", "old-session");
        written.put("seq", 41L);
        written.put("capture_times_us", List.of(5L));
        written.put("width", 1);
        written.put("height", 1);
        written.put("encoding", new GenericData.EnumSymbol(old.getField("encoding").schema(), "RAW_RGB24"));
        written.put("frames", List.of(ByteBuffer.wrap(new byte[] {9, 8, 7})));
        written.put("fps", 15f);
        AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());
        byte[] bytes;
        try (AvroKafkaSerializer<GenericRecord> oldWriter = new AvroKafkaSerializer<>()) {
            oldWriter.configure(serdes.config(), false);
            bytes = oldWriter.serialize("evolution.frames", written);
        }

        // When today's reader reads it
        Serde<FrameChunk> serde = serdes.valueSerde(FrameChunk.class);
        FrameChunk read = serde.deserializer().deserialize("evolution.frames", bytes);

        // Then old fields keep their values and the added ones take their defaults
        assertThat(read.getSessionId()).isEqualTo("old-session");
        assertThat(read.getSeq()).isEqualTo(41L);
        assertThat(read.getFrames().get(0).array()).containsExactly(9, 8, 7);
        assertThat(read.getLast()).isFalse();
        assertThat(read.getSource()).isEmpty();
        assertThat(read.getProducerId()).isEmpty();
    }
}
