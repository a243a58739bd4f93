package dev.signstream.processor;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.service.StreamsConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** Models and topology drivers for the processor tests. */
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

    /** A driver over the real topology, with the real serdes against the stack's registry. */
    static Driver driver(KafkaStack stack, StreamModel model, SessionRules rules) throws Exception {
        return driver(stack, model, rules, StateKeeping.DEFAULT_DECODED_STATE_BYTES);
    }

    /**
     * A driver whose processor keeps at most {@code decodedStateBytes} of sessions decoded between
     * chunks (0: every chunk restores its session from the store).
     */
    static Driver driver(KafkaStack stack, StreamModel model, SessionRules rules, long decodedStateBytes)
            throws Exception {
        TopicNames names = uniqueNames("driver");
        KafkaSettings settings = settings(stack, names);
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        SessionInference inference = new SessionInference(model, BatcherSettings.of(4), decodedStateBytes,
                new SimpleMeterRegistry());
        Properties props = new Properties();
        Path stateDir = Files.createTempDirectory("processor-driver-");
        props.putAll(StreamsConfigs.exactlyOnce(settings, "driver-" + UUID.randomUUID(),
                Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())));
        // the driver has one partition per topic: every key belongs on partition 0
        TopologyTestDriver driver = new TopologyTestDriver(ProcessorTopology.build(topics, inference, rules, 1), props);
        return new Driver(driver, topics, inference);
    }

    /** A running topology driver and what it needs closed after it. */
    record Driver(TopologyTestDriver driver, Topics topics, SessionInference inference) implements AutoCloseable {
        @Override
        public void close() {
            driver.close();
            inference.close();
        }
    }
}
