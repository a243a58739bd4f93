package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.synth.lexicon.Sentences;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * Live synthetic sessions for the tests that break things while people sign (processor instances
 * killed, brokers killed): rendering, the words of an uninterrupted run to compare with, sending
 * round by round, and reading the words until every session has ended.
 */
final class LiveSessions {

    /**
     * The random-weight model with two labels swapped: on synthetic signing its most probable class
     * is nearly always class 6, which it names {@code <signing>} (no word). Named as a sign, class 6
     * makes the model emit a word whenever its reading changes between two signs, a few per
     * sentence, as a trained model does while people sign: the tests then compare many words, and a
     * transaction left open by a failure usually holds some.
     */
    static final Path MODEL = wordyModel();
    /** The decoder threshold for it (the random model is never very sure). */
    static final Map<String, Number> DECODER = Map.of("min_confidence", 0.2);

    private LiveSessions() {
    }

    private static Path wordyModel() {
        try {
            Path dir = Files.createTempDirectory("wordy-random-model-");
            dir.toFile().deleteOnExit(); // registered first, deleted last
            for (String file : List.of("model.onnx", "model.json")) {
                Files.copy(ProcessorFixture.RANDOM_MODEL.resolve(file), dir.resolve(file));
            }
            List<String> labels = new ArrayList<>(List.of(new ObjectMapper().readValue(
                    ProcessorFixture.RANDOM_MODEL.resolve("labels.json").toFile(), String[].class)));
            Collections.swap(labels, labels.indexOf("<signing>"), labels.indexOf("hospital"));
            Files.writeString(dir.resolve("labels.json"), new ObjectMapper().writeValueAsString(labels));
            for (String file : List.of("model.onnx", "model.json", "labels.json")) {
                dir.resolve(file).toFile().deleteOnExit();
            }
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the random test model", e);
        }
    }

    /** Sessions of unseen signers, each signing {@code sentences} random standard sentences. */
    static List<RenderedSession> render(String prefix, long seed, int count, int sentences) {
        List<String> ids = Sentences.standard().all().stream().map(s -> s.id()).toList();
        Random random = new Random(seed);
        List<RenderedSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> script = new ArrayList<>();
            for (int k = 0; k < sentences; k++) {
                script.add(ids.get(random.nextInt(ids.size())));
            }
            sessions.add(SyntheticChunks.testSession(prefix + "-" + seed + "-" + i, i, script, 64, 8, FrameEncoding.JPEG));
        }
        return sessions;
    }

    /** Words of each session through the same topology with no interruption (the test driver). */
    static Map<String, List<String>> uninterruptedWords(List<RenderedSession> sessions) throws Exception {
        Map<String, List<String>> words = new HashMap<>();
        try (StreamModel model = StreamModel.load(MODEL, RuntimeOptions.cpu().withIntraOpThreads(1), DECODER);
             ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            TestInputTopic<String, FrameChunk> in = d.frames();
            TestOutputTopic<String, WordEvent> out = d.words();
            for (RenderedSession session : sessions) {
                for (FrameChunk chunk : session.chunks()) {
                    in.pipeInput(session.sessionId(), chunk, Instant.EPOCH);
                }
                words.put(session.sessionId(), glosses(out.readValuesToList()));
            }
        }
        return words;
    }

    /** Each word as gloss@last frame's capture time, so a shifted sign boundary also shows. */
    static List<String> glosses(List<WordEvent> events) {
        return events.stream().map(e -> (e.getType() == WordEventType.WORD ? e.getGloss() : "<end>")
                + "@" + e.getLastFrameTimeUs()).toList();
    }

    /** Reads the words topic (committed only) until every session has ended. */
    static Map<String, List<WordEvent>> readUntilEveryEnd(String bootstrapServers, Topics topics, int sessions,
                                                         Duration within) {
        Map<String, List<WordEvent>> received = new LinkedHashMap<>();
        int ended = 0;
        try (KafkaConsumer<String, WordEvent> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers, "group.id", "words-check-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                Serdes.String().deserializer(), topics.words().valueSerde().deserializer())) {
            consumer.subscribe(Set.of(topics.words().name()));
            long deadline = System.nanoTime() + within.toNanos();
            while (ended < sessions && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, WordEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    received.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
                    if (record.value().getType() == WordEventType.SESSION_END) {
                        ended++;
                    }
                }
            }
        }
        assertThat(ended).as("sessions ended within %d s: %s", within.toSeconds(), received.keySet())
                .isEqualTo(sessions);
        return received;
    }

    /**
     * Asserts that every session's words are those of the uninterrupted run, with contiguous word
     * indexes (none lost, none doubled), and returns how many words there were.
     */
    static int assertSameWords(List<RenderedSession> sessions, Map<String, List<String>> expected,
                               Map<String, List<WordEvent>> received) {
        int words = 0;
        for (RenderedSession session : sessions) {
            List<WordEvent> events = received.get(session.sessionId());
            assertThat(glosses(events)).as("words of %s", session.sessionId())
                    .isEqualTo(expected.get(session.sessionId()));
            assertThat(events.stream().filter(e -> e.getType() == WordEventType.WORD).map(WordEvent::getWordIndex))
                    .as("word indexes of %s", session.sessionId())
                    .containsExactlyElementsOf(IntStream.range(0, events.size() - 1).boxed().toList());
            words += events.size() - 1;
        }
        return words;
    }

    /** Sends the sessions' chunks round by round: chunk k of every session that has one. */
    static final class Rounds {
        private final KafkaProducer<String, FrameChunk> producer;
        private final String topic;
        private final List<RenderedSession> sessions;
        private final int rounds;
        private int next;
        private long lastSent;

        Rounds(KafkaProducer<String, FrameChunk> producer, String topic, List<RenderedSession> sessions) {
            this.producer = producer;
            this.topic = topic;
            this.sessions = sessions;
            this.rounds = sessions.stream().mapToInt(s -> s.chunks().size()).max().orElseThrow();
        }

        /** The next round to send; {@link #total()} once all are sent. */
        int next() {
            return next;
        }

        int total() {
            return rounds;
        }

        boolean done() {
            return next >= rounds;
        }

        /** Sends the next round (if any) and waits until Kafka has it. */
        void send() {
            if (done()) {
                return;
            }
            for (RenderedSession session : sessions) {
                if (next < session.chunks().size()) {
                    producer.send(new ProducerRecord<>(topic, session.sessionId(), session.chunks().get(next)));
                }
            }
            producer.flush();
            next++;
            lastSent = System.nanoTime();
        }

        /** Sends the next round when {@code every} has passed since the last one. */
        void sendIfDue(Duration every) {
            if (System.nanoTime() - lastSent >= every.toNanos()) {
                send();
            }
        }
    }
}
