package dev.signstream.processor;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.testing.InMemoryRegistry;
import dev.signstream.service.StreamsConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** Models, settings and topology drivers for the processor tests. */
final class ProcessorFixture {

    /** A random-weight model in the contract (for session rules; its words mean nothing). */
    static final Path RANDOM_MODEL = Path.of("../inference/src/test/resources/models/random-small");
    /** The shipped, trained model. */
    static final Path SHIPPED_MODEL = Path.of("../models/ksl-synth-small");

    private ProcessorFixture() {
    }

    static StreamModel load(Path model) {
        return StreamModel.load(model, RuntimeOptions.cpu().withIntraOpThreads(1));
    }

    static KafkaSettings settings(KafkaStack stack, TopicNames names) {
        return KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        KafkaSettings.REGISTRY_ENV, stack.registryUrl(),
                        KafkaSettings.TOPIC_PREFIX_ENV, names.frames().substring(0, names.frames().length() - "frames".length())),
                Optional.empty(), Optional.empty(),
                List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), StreamsConfig.configDef()));
    }

    /** The partition count of a topic. */
    static int partitions(KafkaStack stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    static TopicNames uniqueNames(String test) {
        return TopicNames.withPrefix(test + "-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    }

    /** A driver over the real topology, with the real serdes against an in-memory registry. */
    static Driver driver(StreamModel model, SessionRules rules) throws Exception {
        return driver(model, rules, StateKeeping.DEFAULT_DECODED_STATE_BYTES);
    }

    /**
     * A driver whose processor keeps at most {@code decodedStateBytes} of sessions decoded between
     * chunks (0: every chunk restores its session from the store).
     */
    static Driver driver(StreamModel model, SessionRules rules, long decodedStateBytes) throws Exception {
        return driver(model, rules, decodedStateBytes, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /**
     * A driver under the given processing guarantee. Under exactly-once the driver drops what the
     * deserialization handler sends for a record that never reaches the processor (a test-driver
     * artifact, see the service module's DeadLetterHandlersTest): a test of unreadable records
     * runs it at least once.
     */
    static Driver driver(StreamModel model, SessionRules rules, long decodedStateBytes, String guarantee)
            throws Exception {
        TopicNames names = uniqueNames("driver");
        AvroSerdes serdes = InMemoryRegistry.serdes();
        Topics topics = Topics.create(names, serdes);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SessionInference inference = new SessionInference(model, BatcherSettings.of(4), decodedStateBytes, meters);
        // no cluster and no registry is contacted: the driver has none, the serdes are in memory
        KafkaSettings settings = new KafkaSettings("localhost:9092", "http://registry.invalid/apis/registry/v2",
                Map.of(), names);
        Properties props = new Properties();
        Path stateDir = Files.createTempDirectory("processor-driver-");
        props.putAll(StreamsConfigs.exactlyOnce(settings, serdes, "driver-" + UUID.randomUUID(),
                Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString(),
                        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)));
        // the driver has one partition per topic: every key belongs on partition 0
        TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(topics, inference, rules, 1), props);
        return new Driver(driver, topics, inference, new ProcessorCounts(meters));
    }

    /** A running topology driver, the meters of its processor, and what it needs closed after it. */
    record Driver(TopologyTestDriver driver, Topics topics, SessionInference inference, ProcessorCounts counts)
            implements AutoCloseable {

        TestInputTopic<String, FrameChunk> frames() {
            return driver.createInputTopic(topics.frames().name(), topics.frames().keySerde().serializer(),
                    topics.frames().valueSerde().serializer());
        }

        TestOutputTopic<String, WordEvent> words() {
            return driver.createOutputTopic(topics.words().name(), topics.words().keySerde().deserializer(),
                    topics.words().valueSerde().deserializer());
        }

        TestOutputTopic<String, DeadLetter> deadLetters() {
            return driver.createOutputTopic(topics.deadLetters().name(), topics.deadLetters().keySerde().deserializer(),
                    topics.deadLetters().valueSerde().deserializer());
        }

        /** Pipes the chunks in order (stamped with their first capture) and reads the word events they caused. */
        List<WordEvent> run(List<FrameChunk> chunks) {
            TestInputTopic<String, FrameChunk> in = frames();
            for (FrameChunk chunk : chunks) {
                long timeUs = chunk.getCaptureTimesUs().isEmpty() ? SyntheticChunks.START_US
                        : chunk.getCaptureTimesUs().get(0);
                in.pipeInput(chunk.getSessionId(), chunk, Instant.ofEpochMilli(timeUs / 1000));
            }
            return words().readValuesToList();
        }

        KeyValueStore<String, byte[]> states() {
            return driver.getKeyValueStore(ProcessorTopology.STATE_STORE);
        }

        KeyValueStore<String, SessionActivity> activity() {
            return driver.getKeyValueStore(ProcessorTopology.ACTIVITY_STORE);
        }

        @Override
        public void close() {
            driver.close();
            inference.close();
        }
    }
}
