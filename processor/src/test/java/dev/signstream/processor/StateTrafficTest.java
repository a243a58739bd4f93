package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.lexicon.Sentences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State traffic through a real broker: a backlog of chunks applied within a few commit intervals
 * writes each session's state to the changelog at most once per commit interval, not once per
 * chunk.
 */
@WithKafka
class StateTrafficTest {

    private static final Logger LOG = LoggerFactory.getLogger(StateTrafficTest.class);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(3);

    @Test
    void aSessionsStateReachesTheChangelogAtMostOncePerCommitInterval(KafkaStack stack) throws Exception {
        TopicNames names = ProcessorFixture.uniqueNames("traffic");
        KafkaSettings settings = ProcessorFixture.settings(stack, names);
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        String applicationId = "traffic-" + UUID.randomUUID();
        ProcessorOptions options = ProcessorOptions.defaults(ProcessorFixture.RANDOM_MODEL)
                .withApplicationId(applicationId)
                .withStreamThreads(1)
                .withStateDir(Files.createTempDirectory("traffic-"))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1))
                .withKeeping(StateKeeping.defaults().withCommitInterval(COMMIT_INTERVAL));
        List<String> sentences = Sentences.standard().all().stream().map(s -> s.id()).toList();
        List<RenderedSession> sessions = List.of(
                SyntheticChunks.testSession("traffic-a", 1, sentences.subList(0, 3), 64, 8, FrameEncoding.JPEG),
                SyntheticChunks.testSession("traffic-b", 2, sentences.subList(3, 6), 64, 8, FrameEncoding.JPEG));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ProcessorService processor = ProcessorService.start(options, settings, registry);
             KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                     Serdes.String().serializer(), topics.frames().valueSerde().serializer())) {
            assertThat(processor.runner().awaitRunning(Duration.ofSeconds(60))).isTrue();

            // Given two open sessions' chunks waiting in the topic at once (a backlog; no last chunk)
            long started = System.nanoTime();
            int sent = 0;
            for (RenderedSession session : sessions) {
                for (FrameChunk chunk : session.chunks().subList(0, session.chunks().size() - 1)) {
                    producer.send(new ProducerRecord<>(names.frames(), session.sessionId(), chunk));
                    sent++;
                }
            }
            producer.flush();

            // When the processor has applied them all, and committed
            awaitApplied(registry, sent);
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(COMMIT_INTERVAL.toMillis() + 500);

            // Then each session's state reached the changelog at most once per commit interval,
            // far fewer times than it had chunks
            Map<String, Integer> writes = changelogValues(stack, applicationId + "-" + ProcessorTopology.STATE_STORE
                    + "-changelog");
            long intervals = (long) Math.ceil(seconds / COMMIT_INTERVAL.toSeconds()) + 1;
            for (RenderedSession session : sessions) {
                int chunks = session.chunks().size();
                int written = writes.getOrDefault(session.sessionId(), 0);
                LOG.info("{}: {} chunks applied in {} s, {} state writes in the changelog ({} commit intervals)",
                        session.sessionId(), chunks, String.format("%.1f", seconds), written, intervals);
                assertThat(chunks).isGreaterThan(15);
                assertThat(written).as("state writes of %s", session.sessionId())
                        .isLessThanOrEqualTo((int) intervals).isLessThan(chunks / 2);
            }
        }
    }

    private static void awaitApplied(SimpleMeterRegistry registry, int chunks) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        double applied = 0;
        while (applied < chunks && System.nanoTime() < deadline) {
            Thread.sleep(100);
            applied = registry.get("signstream.processor.chunks").tag("outcome", "applied").counter().count();
        }
        assertThat(applied).as("chunks applied within 120 s").isEqualTo(chunks);
    }

    /** Non-null values per key in a committed changelog topic. */
    private static Map<String, Integer> changelogValues(KafkaStack stack, String topic) {
        Map<String, Integer> values = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(), "group.id", "traffic-read-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                Serdes.String().deserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() != null) {
                        values.merge(r.key(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(values).as("the changelog %s holds states", topic).isNotEmpty();
        return values;
    }
}
