package dev.signstream.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.DeadLetter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner and the dead-letter handler on a real broker, under exactly-once. */
@WithKafka
class StreamsRunnerKafkaTest {

    @TempDir
    Path stateDir;

    private static Topology doubling(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.Integer()))
                .mapValues(value -> {
                    if (value == 13) {
                        throw new IllegalStateException("unlucky 13");
                    }
                    return value * 2;
                })
                .to(out, Produced.with(Serdes.String(), Serdes.Integer()));
        return builder.build();
    }

    private Map<String, Object> config(KafkaStack stack, TopicNames names) {
        KafkaSettings settings = KafkaSettings.parse(Map.of("SIGNSTREAM_TOPIC_PREFIX", names.frames().replace("frames", "")),
                Optional.of(stack.bootstrapServers()), Optional.of(stack.registryUrl()), List.of(StreamsConfig.configDef()));
        return StreamsConfigs.exactlyOnce(settings, "runner-" + UUID.randomUUID(),
                Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
    }

    private static void createTopics(KafkaStack stack, TopicNames names) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, 1, (short) 1), Duration.ofSeconds(30));
        }
    }

    @Test
    void deadLettersUnreadableRecordsExactlyOnceAndStopsLoudlyOnABug(KafkaStack stack) throws Exception {
        // Given a running doubling app reading the words topic (any topic would do)
        TopicNames names = TopicNames.withPrefix("runner-" + UUID.randomUUID() + ".");
        createTopics(stack, names);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamsRunner runner = new StreamsRunner("test", doubling(names.words(), names.sentences()),
                config(stack, names), registry)) {
            runner.start();
            assertThat(runner.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(runner.health().check().up()).isTrue();
            assertThat(registry.getMeters()).anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.stream"));

            // When an unreadable record and a good one arrive
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(names.words(), "k1", new byte[] {1, 2, 3})).get();
                producer.send(new ProducerRecord<>(names.words(), "k2", Serdes.Integer().serializer().serialize("", 21))).get();
            }

            // Then read_committed consumers see the result and exactly one dead letter
            assertThat(readCommitted(stack, names.sentences(), Serdes.Integer().deserializer(), 1))
                    .extracting(ConsumerRecord::value).containsExactly(42);
            List<ConsumerRecord<String, DeadLetter>> letters = readCommitted(stack, names.deadLetters(),
                    new AvroSerdes(stack.registryUrl(), Map.of()).valueSerde(DeadLetter.class).deserializer(), 1);
            assertThat(letters).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("k1");
                assertThat(r.value().getStage()).isEqualTo("deserialize");
                assertThat(r.value().getSourceOffset()).isZero();
            });

            // When a record hits a bug, Then the client stops, says why, and reports DOWN
            try (KafkaProducer<String, Integer> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    stack.bootstrapServers()), new StringSerializer(), Serdes.Integer().serializer())) {
                producer.send(new ProducerRecord<>(names.words(), "k3", 13)).get();
            }
            assertThat(runner.awaitStopped(Duration.ofSeconds(60))).isTrue();
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(runner.failure()).get().satisfies(e -> assertThat(e).hasStackTraceContaining("unlucky 13"));
            assertThat(runner.health().check().up()).isFalse();
            assertThat(runner.close(Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void closesInTimeAndReportsDownAfterwards(KafkaStack stack) throws Exception {
        TopicNames names = TopicNames.withPrefix("runner-" + UUID.randomUUID() + ".");
        createTopics(stack, names);
        StreamsRunner runner = new StreamsRunner("test", doubling(names.words(), names.sentences()),
                config(stack, names), new SimpleMeterRegistry());
        assertThat(runner.health().check().up()).isFalse();
        runner.start();
        assertThat(runner.awaitRunning(Duration.ofSeconds(60))).isTrue();

        assertThat(runner.close(Duration.ofSeconds(20))).isTrue();
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(runner.health().check()).satisfies(h -> {
            assertThat(h.up()).isFalse();
            assertThat(h.details()).containsKey("test");
        });
    }

    private static <V> List<ConsumerRecord<String, V>> readCommitted(KafkaStack stack, String topic,
                                                                     Deserializer<V> values, int expected) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // nothing more arrives: no duplicates
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
