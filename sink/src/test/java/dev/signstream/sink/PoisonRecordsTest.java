package dev.signstream.sink;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.wordAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import dev.signstream.sink.view.CaptionLine;
import dev.signstream.sink.view.CaptionView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records no SignStream role writes (tombstones, null keys, empty values, bytes in no known format,
 * unknown schema ids, truncated Avro; none of them with headers) reach both of the sink's consumers:
 * the sentence builder (words) and the caption view (sentences). Each one it cannot use becomes a
 * dead letter whose reason names the fault; the sink stays up and a good session still gets its
 * captions.
 */
@WithKafka
class PoisonRecordsTest {

    @TempDir
    Path dir;

    @Test
    void everyRecordTheSinkCannotUseIsADeadLetterAndTheSinkGoesOn(KafkaStack stack) throws Exception {
        PrefixedTopics topics = PrefixedTopics.create(stack, "sink-poison", 1);
        TopicNames names = topics.names();
        KafkaSettings kafka = topics.kafka();
        AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());
        byte[] word = serdes.valueSerde(WordEvent.class).serializer().serialize(names.words(),
                wordAt("cam-x", 0, "물", System.currentTimeMillis() * 1000));
        byte[] sentence = serdes.valueSerde(Sentence.class).serializer().serialize(names.sentences(),
                Sentence.newBuilder().setSessionId("cam-keyless").setSentenceIndex(0).setWords(List.of("물"))
                        .setText("물").setStartTimeUs(1).setEndTimeUs(2).setFinal$(true).setModelVersion("v1").build());

        try (CaptionSink sink = CaptionSink.start(kafka, new SinkSettings("sink-poison-" + UUID.randomUUID(),
                     "127.0.0.1", 0, SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION,
                     Optional.of(dir.resolve("state"))), Lexicon.read(Path.of(getClass()
                     .getResource("/lexicon/sentences.json").toURI()), Lexicon.DEFAULT_MAX_DISTANCE));
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                     stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> sink.runner().state() == KafkaStreams.State.RUNNING);
            assertThat(sink.view().awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

            // Given bad records in both topics the sink reads, before a good session
            Map<String, String> expected = new TreeMap<>();
            sendBad(raw, names.words(), "cam-tombstone", null, expected, "validate",
                    "null word event (a tombstone) for session 'cam-tombstone'");
            sendBad(raw, names.words(), null, word, expected, "validate", "word event without a key (the session id)");
            sendBad(raw, names.words(), "cam-empty", new byte[0], expected, "deserialize", "empty value");
            sendBad(raw, names.words(), "cam-text", "?text".getBytes(StandardCharsets.UTF_8), expected, "deserialize",
                    "not in the Confluent wire format (first byte 0x3f, expected 0)");
            sendBad(raw, names.words(), "cam-id", new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2}, expected, "deserialize",
                    "schema id 999999 unknown to the registry");
            sendBad(raw, names.words(), "cam-cut", Arrays.copyOf(word, word.length / 2), expected, "deserialize",
                    "Avro record truncated");
            sendBad(raw, names.sentences(), "cam-tombstone", null, expected, CaptionView.STAGE,
                    "tombstone (null value) without the signstream.session-end header of an end marker");
            sendBad(raw, names.sentences(), "cam-empty", new byte[0], expected, CaptionView.STAGE, "empty value");
            sendBad(raw, names.sentences(), "cam-text", "?text".getBytes(StandardCharsets.UTF_8), expected,
                    CaptionView.STAGE, "not in the Confluent wire format (first byte 0x3f, expected 0)");
            // a sentence without a key is still a sentence: the view takes the session from its value
            raw.send(new ProducerRecord<>(names.sentences(), null, sentence)).get();

            // When a good session signs and ends
            long now = System.currentTimeMillis() * 1000;
            try (KafkaProducer<String, WordEvent> words = new KafkaProducer<>(Map.of("bootstrap.servers",
                    stack.bootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                    serdes.valueSerde(WordEvent.class).serializer())) {
                for (WordEvent event : List.of(wordAt("cam-1", 0, "물", now), wordAt("cam-1", 1, "주세요", now + 700_000),
                        end("cam-1", 2, 0))) {
                    words.send(new ProducerRecord<>(names.words(), "cam-1", event)).get();
                }
            }

            // Then every bad record is one dead letter with its stage and reason
            List<DeadLetter> letters = readDeadLetters(stack, names, serdes, expected.size());
            Map<String, String> actual = new TreeMap<>();
            for (DeadLetter letter : letters) {
                actual.put(letter.getSourceTopic() + "@" + letter.getSourceOffset(),
                        letter.getStage() + ": " + letter.getErrorMessage());
            }
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            actual.forEach((where, reason) -> assertThat(reason).as(where).startsWith(expected.get(where)));

            // and the good session's caption shows, the keyless sentence too, with the sink up
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.view().board().snapshot("cam-1"))
                    .hasValueSatisfying(s -> assertThat(s.finals()).extracting(CaptionLine::text)
                            .containsExactly("물 좀 주세요.")));
            assertThat(sink.view().board().snapshot("cam-keyless")).isPresent();
            assertThat(sink.failure()).isEmpty();
            assertThat(sink.runner().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(sink.view().health().check().up()).isTrue();
        }
    }

    /** Sends one bad record and notes the dead letter it must become, by topic and offset. */
    private static void sendBad(KafkaProducer<byte[], byte[]> raw, String topic, String key, byte[] value,
                                Map<String, String> expected, String stage, String reason) throws Exception {
        long offset = raw.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value)).get().offset();
        expected.put(topic + "@" + offset, stage + ": " + reason);
    }

    private static List<DeadLetter> readDeadLetters(KafkaStack stack, TopicNames names, AvroSerdes serdes, int count) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                stack.bootstrapServers(), "group.id", "poison-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(),
                serdes.valueSerde(DeadLetter.class).deserializer())) {
            consumer.subscribe(List.of(names.deadLetters()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return letters.size() >= count;
            });
            long quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
            }
        }
        return letters;
    }
}
