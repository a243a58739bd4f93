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
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.schemas.words.EditDistance;
import dev.signstream.synth.lexicon.Sentences;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic sessions of unseen (test-split) signers through a running processor on the real
 * broker, with the shipped model: the words must be the glosses signed (WER <= 5 %).
 */
@WithKafka
class ProcessorAccuracyTest {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorAccuracyTest.class);
    private static final int SESSIONS = 6;
    private static final int SENTENCES_PER_SESSION = 3;

    @Test
    void testSplitSessionsComeOutAsTheWordsSigned(KafkaStack stack) throws Exception {
        // Given sessions of unseen signers, each signing three standard sentences
        List<String> ids = Sentences.standard().all().stream().map(s -> s.id()).toList();
        Random random = new Random(5);
        List<RenderedSession> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            List<String> script = new ArrayList<>();
            for (int s = 0; s < SENTENCES_PER_SESSION; s++) {
                script.add(ids.get(random.nextInt(ids.size())));
            }
            sessions.add(SyntheticChunks.testSession("accuracy-" + i, 100 + i, script, 64, 8, FrameEncoding.JPEG));
        }
        TopicNames names = ProcessorFixture.uniqueNames("accuracy");
        KafkaSettings settings = ProcessorFixture.settings(stack, names);
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        ProcessorOptions options = ProcessorOptions.defaults(ProcessorFixture.SHIPPED_MODEL)
                .withApplicationId("accuracy-" + UUID.randomUUID())
                .withStreamThreads(2)
                .withStateDir(Files.createTempDirectory("accuracy-"))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1));

        // When they stream through the processor
        Map<String, List<String>> heard = new HashMap<>();
        try (ProcessorService processor = ProcessorService.start(options, settings, new SimpleMeterRegistry());
             KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", stack.bootstrapServers(), "acks", "all"),
                     Serdes.String().serializer(), topics.frames().valueSerde().serializer())) {
            int rounds = sessions.stream().mapToInt(s -> s.chunks().size()).max().orElseThrow();
            for (int round = 0; round < rounds; round++) {
                for (RenderedSession session : sessions) {
                    if (round < session.chunks().size()) {
                        producer.send(new ProducerRecord<>(names.frames(), session.sessionId(), session.chunks().get(round)));
                    }
                }
            }
            producer.flush();
            readWords(stack, topics, sessions.size(), heard);
        }

        // Then the words are the glosses signed
        long errors = 0;
        long reference = 0;
        for (RenderedSession session : sessions) {
            List<String> words = heard.get(session.sessionId());
            int distance = EditDistance.between(session.glosses(), words);
            LOG.info("{}: signed {} | heard {} | {} errors", session.sessionId(), session.glosses(), words, distance);
            errors += distance;
            reference += session.glosses().size();
        }
        double wer = (double) errors / reference;
        LOG.info("processor WER over {} sessions, {} signed words: {}", sessions.size(), reference, wer);
        assertThat(wer).isLessThanOrEqualTo(0.05);
    }

    private static void readWords(KafkaStack stack, Topics topics, int sessions, Map<String, List<String>> heard) {
        int ended = 0;
        try (KafkaConsumer<String, WordEvent> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(), "group.id", "accuracy-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                Serdes.String().deserializer(), topics.words().valueSerde().deserializer())) {
            consumer.subscribe(Set.of(topics.words().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (ended < sessions && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    List<String> words = heard.computeIfAbsent(record.key(), k -> new ArrayList<>());
                    if (record.value().getType() == WordEventType.WORD) {
                        words.add(record.value().getGloss());
                    } else {
                        ended++;
                    }
                }
            }
        }
        assertThat(ended).as("sessions ended within 240 s").isEqualTo(sessions);
    }
}
