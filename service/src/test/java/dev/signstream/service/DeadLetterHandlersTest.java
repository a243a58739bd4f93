package dev.signstream.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both handlers write real DeadLetter records (through the registry) that Kafka Streams sends on. */
@WithKafka
class DeadLetterHandlersTest {

    @TempDir
    Path stateDir;

    /** in (Integer values) -> out; negative values rejected, 13 is a "bug". */
    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.Integer()))
                .mapValues(value -> {
                    if (value < 0) {
                        throw new RejectedRecordException("validate", "value must be >= 0, got " + value);
                    }
                    if (value == 13) {
                        throw new IllegalStateException("unlucky");
                    }
                    return value * 2;
                })
                .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
        return builder.build();
    }

    private TopologyTestDriver driver(KafkaStack stack, TopicNames names, String guarantee) throws Exception {
        KafkaSettings settings = KafkaSettings.parse(Map.of("SIGNSTREAM_TOPIC_PREFIX", names.frames().replace("frames", "")),
                Optional.of("localhost:9092"), Optional.of(stack.registryUrl()), List.of(StreamsConfig.configDef()));
        Properties props = new Properties();
        props.putAll(StreamsConfigs.exactlyOnce(settings, "handlers-test", Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("s")).toString())));
        return new TopologyTestDriver(topology(), props);
    }

    /**
     * At-least-once here: under exactly-once the test driver clears the mock producer's open
     * transaction before the next record, which loses what a handler sends for a record that never
     * reaches a processor (a test-driver artifact; StreamsRunnerIT checks the same on a real broker
     * with exactly-once).
     */
    @Test
    void unreadableAndRejectedRecordsBecomeDeadLettersAndProcessingGoesOn(KafkaStack stack) throws Exception {
        TopicNames names = TopicNames.withPrefix("handlers-" + UUID.randomUUID() + ".");
        try (TopologyTestDriver driver = driver(stack, names, StreamsConfig.AT_LEAST_ONCE)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, Integer> out = driver.createOutputTopic("out", new StringDeserializer(),
                    Serdes.Integer().deserializer());
            TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(names.deadLetters(), new StringDeserializer(),
                    new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(DeadLetter.class).deserializer());

            // Given three bytes (no Integer), a rejected value and a good one
            in.pipeInput("k1", new byte[] {1, 2, 3});
            in.pipeInput("k2", Serdes.Integer().serializer().serialize("in", -5));
            in.pipeInput("k3", Serdes.Integer().serializer().serialize("in", 21));

            // Then the good one went through and both bad ones are dead letters, in order
            assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value).containsExactly("k3=42");
            List<org.apache.kafka.streams.KeyValue<String, DeadLetter>> letters = dlq.readKeyValuesToList();
            assertThat(letters).hasSize(2);

            DeadLetter unreadable = letters.get(0).value;
            assertThat(letters.get(0).key).isEqualTo("k1");
            assertThat(unreadable.getStage()).isEqualTo("deserialize");
            assertThat(unreadable.getSourceTopic()).isEqualTo("in");
            assertThat(unreadable.getSourceOffset()).isZero();
            assertThat(unreadable.getPayloadSize()).isEqualTo(3);
            assertThat(unreadable.getPayload().array()).containsExactly(1, 2, 3);
            assertThat(unreadable.getErrorMessage()).contains("IntegerDeserializer");
            assertThat(unreadable.getApplicationId()).isEqualTo("handlers-test");

            DeadLetter rejected = letters.get(1).value;
            assertThat(letters.get(1).key).isEqualTo("k2");
            assertThat(rejected.getStage()).isEqualTo("validate");
            assertThat(rejected.getSourceOffset()).isEqualTo(1);
            assertThat(rejected.getErrorClass()).isEqualTo(RejectedRecordException.class.getName());
            assertThat(rejected.getErrorMessage()).isEqualTo("value must be >= 0, got -5");
            assertThat(rejected.getPayloadSize()).isEqualTo(4);
            assertThat(new String(rejected.getKey().array(), StandardCharsets.UTF_8)).isEqualTo("k2");
        }
    }

    @Test
    void anyOtherProcessingErrorStopsProcessing(KafkaStack stack) throws Exception {
        TopicNames names = TopicNames.withPrefix("handlers-" + UUID.randomUUID() + ".");
        try (TopologyTestDriver driver = driver(stack, names, StreamsConfig.EXACTLY_ONCE_V2)) {
            TestInputTopic<String, Integer> in = driver.createInputTopic("in", new StringSerializer(),
                    Serdes.Integer().serializer());

            assertThatThrownBy(() -> in.pipeInput("k", 13))
                    .isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasStackTraceContaining("unlucky");
        }
    }
}
