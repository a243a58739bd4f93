package dev.signstream.sink.sentence;

import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.testing.InMemoryRegistry;
import dev.signstream.service.StreamsConfigs;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The sentence topology under the test driver, with the real serdes on an in-memory registry (no
 * broker, no registry process): words in, sentences and dead letters out, the builder's meters.
 */
final class SentenceDriver implements AutoCloseable {

    /** The driver's wall clock at its start: 10 s after the capture clock's T0 of the test words. */
    static final Instant WALL_START = Instant.parse("2026-01-01T00:00:10Z");
    static final Lexicon LEXICON = Lexicon.of(List.of(
            new LexiconEntry("s01", List.of("안녕하세요", "만나다", "반갑다"), "안녕하세요, 만나서 반갑습니다."),
            new LexiconEntry("s05", List.of("나", "아프다", "병원", "가다"), "저는 아파서 병원에 가요."),
            new LexiconEntry("s06", List.of("물", "주세요"), "물 좀 주세요.")), Lexicon.DEFAULT_MAX_DISTANCE);

    final TopologyTestDriver driver;
    final TopicNames names = TopicNames.withPrefix("sentences-" + UUID.randomUUID() + ".");
    final TestInputTopic<String, WordEvent> words;
    final TestOutputTopic<String, Sentence> sentences;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Under exactly-once, as the sink runs. */
    SentenceDriver(Path stateDir) {
        this(stateDir, StreamsConfig.EXACTLY_ONCE_V2);
    }

    SentenceDriver(Path stateDir, String guarantee) {
        AvroSerdes serdes = InMemoryRegistry.serdes();
        Topics topics = Topics.create(names, serdes);
        // no cluster and no registry is contacted: the driver has none, the serdes are in memory
        KafkaSettings kafka = new KafkaSettings("localhost:9092", "http://registry.invalid/apis/registry/v2",
                Map.of(), names);
        Properties props = new Properties();
        props.putAll(StreamsConfigs.exactlyOnce(kafka, serdes, "sink-test", Map.of(
                StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(UUID.randomUUID().toString()).toString(),
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)));
        driver = new TopologyTestDriver(SentenceTopology.build(topics, SentenceSettings.defaults(), LEXICON,
                new SentenceMetrics(meters)), props, WALL_START);
        words = driver.createInputTopic(names.words(), topics.words().keySerde().serializer(),
                topics.words().valueSerde().serializer());
        sentences = driver.createOutputTopic(names.sentences(), topics.sentences().keySerde().deserializer(),
                topics.sentences().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(names.deadLetters(), topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    /** Sends each word event under its session id. */
    void send(WordEvent... events) {
        for (WordEvent event : events) {
            words.pipeInput(event.getSessionId(), event);
        }
    }

    /** The sentences written since the last read (end markers left out). */
    List<Sentence> read() {
        return readRecords().stream().map(TestRecord::value).filter(Objects::nonNull).toList();
    }

    /** Every record written since the last read, end markers included. */
    List<TestRecord<String, Sentence>> readRecords() {
        return sentences.readRecordsToList();
    }

    /** The sum of the builder's counters of that name with that tag. */
    double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The builder's counter of that name. */
    double count(String name) {
        return meters.get(name).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
