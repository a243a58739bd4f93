package dev.signstream.sink;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.wordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.SentenceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sink against the real broker and registry: exactly-once sentences, two instances, restart. */
@WithKafka
class CaptionSinkKafkaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private KafkaStack stack;
    private TopicNames names;
    private KafkaSettings kafka;
    private AvroSerdes serdes;
    private String applicationId;

    @BeforeEach
    void topics(KafkaStack stack) {
        this.stack = stack;
        PrefixedTopics topics = PrefixedTopics.create(stack, "sink", 2);
        names = topics.names();
        kafka = topics.kafka();
        serdes = new AvroSerdes(stack.registryUrl(), Map.of());
        applicationId = "sink-test-" + UUID.randomUUID();
    }

    private CaptionSink startSink(String instance) throws Exception {
        Path lexicon = Path.of(getClass().getResource("/lexicon/sentences.json").toURI());
        CaptionSink sink = CaptionSink.start(kafka, new SinkSettings(applicationId, "127.0.0.1", 0,
                SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION,
                Optional.of(dir.resolve(instance))), Lexicon.read(lexicon, Lexicon.DEFAULT_MAX_DISTANCE));
        assertThat(sink.view().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        return sink;
    }

    private static void awaitRunning(CaptionSink... sinks) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (CaptionSink sink : sinks) {
                if (sink.runner().state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
            }
            return true;
        });
    }

    private void send(List<WordEvent> words) throws Exception {
        Serializer<WordEvent> values = serdes.valueSerde(WordEvent.class).serializer();
        try (KafkaProducer<String, WordEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers()), new StringSerializer(), values)) {
            for (WordEvent word : words) {
                producer.send(new ProducerRecord<>(names.words(), word.getSessionId(), word)).get();
            }
        }
    }

    private static List<WordEvent> sentenceOf(String session, long startUs, String... glosses) {
        List<WordEvent> words = new ArrayList<>();
        for (int i = 0; i < glosses.length; i++) {
            words.add(wordAt(session, i, glosses[i], startUs + i * 700_000L));
        }
        return words;
    }

    private <V> List<V> readCommitted(String topic, Deserializer<V> values, int atLeast) {
        List<V> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
                return records.size() >= atLeast;
            });
            // anything beyond what was expected would be a duplicate: give it time to show up
            long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r.value());
                }
            }
        }
        return records;
    }

    private static HttpResponse<String> get(CaptionSink sink, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void twoInstancesBuildEachSentenceExactlyOnceAndBothServeEverySession() throws Exception {
        // Given two sink instances sharing the work
        try (CaptionSink a = startSink("a"); CaptionSink b = startSink("b")) {
            awaitRunning(a, b);
            long now = System.currentTimeMillis() * 1000;

            // When four sessions sign a sentence each and end, and two bad records arrive
            List<WordEvent> words = new ArrayList<>();
            words.addAll(sentenceOf("cam-1", now, "안녕하세요", "만나다", "반갑다"));
            words.addAll(sentenceOf("cam-2", now, "나", "아프다", "병원", "가다"));
            words.addAll(sentenceOf("cam-3", now, "물", "주세요"));
            words.addAll(sentenceOf("cam-4", now, "물", "어디"));
            words.add(end("cam-1", 3, 0));
            send(words);
            send(List.of(end("cam-2", 4, 0), end("cam-3", 2, 0), end("cam-4", 2, 0)));
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(names.words(), "cam-9", new byte[] {0, 0, 0, 0, 1, 2})).get();
                raw.send(new ProducerRecord<>(names.words(), "cam-8", serdes.valueSerde(WordEvent.class).serializer()
                        .serialize(names.words(), wordAt("cam-7", 0, "물", now)))).get();
            }

            // Then every session has one partial per word and exactly one final, read_committed
            // (15 sentences and 4 end markers: a null value after each session's last final)
            List<Sentence> records = readCommitted(names.sentences(), serdes.valueSerde(Sentence.class).deserializer(), 19);
            List<Sentence> sentences = records.stream().filter(java.util.Objects::nonNull).toList();
            assertThat(records).hasSize(19);
            Map<String, List<Sentence>> bySession = sentences.stream().collect(Collectors.groupingBy(Sentence::getSessionId));
            assertThat(bySession).containsOnlyKeys("cam-1", "cam-2", "cam-3", "cam-4");
            assertThat(bySession.get("cam-2")).extracting(Sentence::getFinal$).containsExactly(false, false, false, false, true);
            assertThat(bySession.values().stream().flatMap(List::stream).filter(Sentence::getFinal$)
                    .collect(Collectors.toMap(Sentence::getSessionId, Sentence::getText))).isEqualTo(Map.of(
                    "cam-1", "안녕하세요, 만나서 반갑습니다.", "cam-2", "저는 아파서 병원에 가요.",
                    "cam-3", "물 좀 주세요.", "cam-4", "물 어디"));
            assertThat(sentences).hasSize(15);

            // And both bad records are dead letters, once each
            List<DeadLetter> letters = readCommitted(names.deadLetters(), serdes.valueSerde(DeadLetter.class).deserializer(), 2);
            assertThat(letters).extracting(DeadLetter::getStage).containsExactlyInAnyOrder("deserialize", "validate");

            // And either instance answers for every session, whichever instance built it
            for (CaptionSink sink : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode listed = JSON.readTree(get(sink, "/sessions").body());
                    assertThat(listed).extracting(n -> n.get("session_id").asText())
                            .containsExactlyInAnyOrder("cam-1", "cam-2", "cam-3", "cam-4");
                });
                HttpResponse<String> vtt = get(sink, "/sessions/cam-1/captions.vtt");
                assertThat(vtt.body()).isEqualTo("WEBVTT\n\n0\n00:00:00.000 --> 00:00:02.000\n안녕하세요,\n만나서 반갑습니다.\n\n");
                assertThat(get(sink, "/health").statusCode()).isEqualTo(200);
                assertThat(get(sink, "/metrics").body()).contains("signstream_sink_words_total")
                        .contains("signstream_sink_decision_to_final_caption_seconds");
            }
        }
    }

    @Test
    void aRestartedSinkContinuesTheOpenSentenceFromItsChangelog() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        List<WordEvent> words = sentenceOf("cam-r", now, "나", "아프다", "병원", "가다");
        try (CaptionSink first = startSink("first")) {
            awaitRunning(first);
            send(words.subList(0, 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> first.view().board().snapshot("cam-r")
                    .map(s -> s.current() != null && s.current().words().size() == 2).orElse(false));
        }
        // a new instance with an empty state directory: the store comes back from the changelog
        try (CaptionSink second = startSink("second")) {
            // a reloaded page catches up at once: the view already has the open partial
            assertThat(second.view().board().snapshot("cam-r")).get()
                    .satisfies(s -> assertThat(s.current().text()).isEqualTo("나 아프다"));
            awaitRunning(second);
            send(words.subList(2, 4));
            send(List.of(end("cam-r", 4, 0)));

            List<Sentence> records = readCommitted(names.sentences(), serdes.valueSerde(Sentence.class).deserializer(), 6);
            // the end marker comes last
            assertThat(records).hasSize(6).last().isNull();
            List<Sentence> sentences = records.subList(0, 5);
            // (three of the four glosses are already close enough to the lexicon sentence)
            assertThat(sentences).extracting(Sentence::getText).containsExactly(
                    "나", "나 아프다", "저는 아파서 병원에 가요.", "저는 아파서 병원에 가요.", "저는 아파서 병원에 가요.");
            assertThat(sentences).extracting(s -> s.getWords().size()).containsExactly(1, 2, 3, 4, 4);
            assertThat(sentences).extracting(Sentence::getFinal$).containsExactly(false, false, false, false, true);
            assertThat(sentences).extracting(Sentence::getSentenceIndex).containsOnly(0);
        }
    }
}
