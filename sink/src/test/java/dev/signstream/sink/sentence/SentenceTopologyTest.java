package dev.signstream.sink.sentence;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.SentenceRecords;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.service.StreamsConfigs;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import dev.signstream.sink.testing.Words;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sentence topology under the test driver, with real Avro serdes through the shared registry. */
@WithKafka
class SentenceTopologyTest {

    private static final Instant WALL_START = Instant.parse("2026-01-01T00:00:10Z");
    private static final Lexicon LEXICON = Lexicon.of(List.of(
            new LexiconEntry("s01", List.of("안녕하세요", "만나다", "반갑다"), "안녕하세요, 만나서 반갑습니다."),
            new LexiconEntry("s05", List.of("나", "아프다", "병원", "가다"), "저는 아파서 병원에 가요."),
            new LexiconEntry("s06", List.of("물", "주세요"), "물 좀 주세요.")), Lexicon.DEFAULT_MAX_DISTANCE);

    @TempDir
    Path stateDir;

    private KafkaStack stack;
    private TopicNames names;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void names(KafkaStack stack) {
        this.stack = stack;
        this.names = TopicNames.withPrefix("sentences-" + UUID.randomUUID() + ".");
        this.registry = new SimpleMeterRegistry();
    }

    /** A driver running the topology, the words in, the sentences and dead letters out. */
    private final class Run implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, WordEvent> words;
        final TestOutputTopic<String, Sentence> sentences;
        final TestOutputTopic<String, DeadLetter> deadLetters;
        final AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());

        Run(SentenceSettings settings, String guarantee) {
            Topics topics = Topics.create(names, serdes);
            KafkaSettings kafka = KafkaSettings.parse(Map.of("SIGNSTREAM_TOPIC_PREFIX", names.words().replace("words", "")),
                    Optional.of("localhost:9092"), Optional.of(stack.registryUrl()), List.of(StreamsConfig.configDef()));
            Properties props = new Properties();
            props.putAll(StreamsConfigs.exactlyOnce(kafka, "sink-test", Map.of(
                    StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(UUID.randomUUID().toString()).toString(),
                    StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee)));
            driver = new TopologyTestDriver(SentenceTopology.build(topics, settings, LEXICON, new SentenceMetrics(registry)),
                    props, WALL_START);
            words = driver.createInputTopic(names.words(), new StringSerializer(), topics.words().valueSerde().serializer());
            sentences = driver.createOutputTopic(names.sentences(), new StringDeserializer(),
                    topics.sentences().valueSerde().deserializer());
            deadLetters = driver.createOutputTopic(names.deadLetters(), new StringDeserializer(),
                    serdes.valueSerde(DeadLetter.class).deserializer());
        }

        Run(SentenceSettings settings) {
            this(settings, StreamsConfig.EXACTLY_ONCE_V2);
        }

        void send(WordEvent... events) {
            for (WordEvent event : events) {
                words.pipeInput(event.getSessionId(), event);
            }
        }

        /** The sentences written since the last read (end markers left out). */
        List<Sentence> read() {
            return readRecords().stream().map(TestRecord::value).filter(java.util.Objects::nonNull).toList();
        }

        /** Every record written since the last read, end markers included. */
        List<TestRecord<String, Sentence>> readRecords() {
            return sentences.readRecordsToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static SentenceSettings settings() {
        return SentenceSettings.defaults();
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void wordsWithinTheGapMakePartialsAndALaterWordClosesTheSentence() {
        try (Run run = new Run(settings())) {
            // Given three signs 0.3 s apart (each lasts 0.6 s)
            run.send(word("a", 0, "나", 0), word("a", 1, "배고프다", 900), word("a", 2, "물", 1800));

            // Then each word updates the open sentence 0
            List<Sentence> partials = run.read();
            assertThat(partials).extracting(Sentence::getText).containsExactly("나", "나 배고프다", "나 배고프다 물");
            assertThat(partials).allSatisfy(s -> {
                assertThat(s.getFinal$()).isFalse();
                assertThat(s.getSentenceIndex()).isZero();
                assertThat(s.getStartTimeUs()).isEqualTo(Words.T0_US);
            });
            assertThat(partials.get(2).getEndTimeUs()).isEqualTo(Words.T0_US + 2_400_000);

            // When the next sign starts 1.6 s after the last one ended (gap 1.5 s)
            run.send(word("a", 3, "화장실", 4000));

            // Then sentence 0 is final, exactly once, and the word opens sentence 1
            List<Sentence> next = run.read();
            assertThat(next).extracting(Sentence::getSentenceIndex, Sentence::getFinal$, Sentence::getText)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0, true, "나 배고프다 물"),
                            org.assertj.core.groups.Tuple.tuple(1, false, "화장실"));
            assertThat(next.get(0).getWords()).containsExactly("나", "배고프다", "물");
            assertThat(next.get(0).getModelVersion()).isEqualTo("v1");
            assertThat(count("signstream.sink.sentences", "reason", "gap")).isEqualTo(1);
        }
    }

    @Test
    void sentenceRecordsAreStampedWhenEmittedSoAnOldRecordingsSentencesOutliveTheTopicsRetention() {
        try (Run run = new Run(settings())) {
            // Given words whose signs were captured from T0 (10 s before the driver's wall clock)
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 900));

            // Then the sentences keep T0 in their fields and take the wall clock as record time
            var records = run.sentences.readRecordsToList();
            assertThat(records).hasSize(2).allSatisfy(r -> {
                assertThat(r.getValue().getStartTimeUs()).isEqualTo(Words.T0_US);
                assertThat(r.getRecordTime()).isEqualTo(WALL_START);
            });
        }
    }

    @Test
    void aWordExactlyOneGapLaterStillJoinsTheSentence() {
        try (Run run = new Run(settings())) {
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 600 + 1500));

            assertThat(run.read()).extracting(Sentence::getFinal$).containsExactly(false, false);
        }
    }

    @Test
    void sessionEndClosesTheOpenSentenceOnceAndDuplicatesAreSkipped() {
        try (Run run = new Run(settings())) {
            // Given a sentence with a duplicated word (a retry upstream)
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 800), word("a", 1, "주세요", 800), word("a", 0, "물", 0));
            assertThat(run.read()).extracting(Sentence::getText).containsExactly("물", "물 좀 주세요.");

            // When the session ends (twice: a duplicate end too)
            run.send(end("a", 2, 2000), end("a", 2, 2000));

            // Then one final sentence, and nothing for the duplicates
            List<Sentence> finals = run.read();
            assertThat(finals).singleElement().satisfies(s -> {
                assertThat(s.getFinal$()).isTrue();
                assertThat(s.getSentenceIndex()).isZero();
                assertThat(s.getWords()).containsExactly("물", "주세요");
            });
            assertThat(count("signstream.sink.words", "outcome", "duplicate")).isEqualTo(3);
            assertThat(count("signstream.sink.sentences", "reason", "session-end")).isEqualTo(1);

            // And a replayed word of the ended session changes nothing
            run.send(word("a", 1, "주세요", 800));
            assertThat(run.read()).isEmpty();
        }
    }

    @Test
    void sessionEndWritesOneEndMarkerAfterTheLastFinalSentence() {
        try (Run run = new Run(settings())) {
            // Given a session whose first sentence was closed by a later word, and a second one open
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 800), word("a", 2, "나", 5000));
            run.readRecords();

            // When the session ends, twice
            run.send(end("a", 3, 7000), end("a", 3, 7000));

            // Then the open sentence's final, then one end marker: null value, the end header
            List<TestRecord<String, Sentence>> records = run.readRecords();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).value().getFinal$()).isTrue();
            assertThat(records.get(0).value().getSentenceIndex()).isEqualTo(1);
            assertThat(records.get(1).key()).isEqualTo("a");
            assertThat(SentenceRecords.isEndMarker(records.get(1).headers(), records.get(1).value())).isTrue();
            assertThat(SentenceRecords.isEndMarker(records.get(0).headers(), records.get(0).value())).isFalse();
            assertThat(registry.find("signstream.sink.sessions.ended").counter().count()).isEqualTo(1);

            // And a session that ends with no sentence open gets the marker alone
            run.send(word("b", 0, "물", 0));
            run.driver.advanceWallClockTime(SentenceSettings.DEFAULT_IDLE_TIMEOUT.plusSeconds(1));
            assertThat(run.read()).extracting(Sentence::getFinal$).containsExactly(false, true);
            run.send(end("b", 1, 20_000));
            assertThat(run.readRecords()).singleElement()
                    .satisfies(r -> assertThat(SentenceRecords.isEndMarker(r.headers(), r.value())).isTrue());
        }
    }

    @Test
    void sessionEndWithoutAnOpenSentenceEmitsNothing() {
        try (Run run = new Run(settings())) {
            run.send(word("a", 0, "물", 0), end("a", 1, 1000));
            run.read();

            run.send(word("a", 1, "주세요", 5000), word("a", 2, "물", 20_000));

            // the session continued after its end: sentence numbering goes on
            assertThat(run.read()).extracting(Sentence::getSentenceIndex, Sentence::getFinal$)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(1, true),
                            org.assertj.core.groups.Tuple.tuple(2, false));
        }
    }

    @Test
    void streamTimeFromOtherSessionsClosesAQuietSessionAfterGapAndGrace() {
        try (Run run = new Run(settings())) {
            // Given session a signs once, its sign ending at 0.6 s
            run.send(word("a", 0, "물", 0));
            run.read();

            // When session b on the same partition moves stream time to 0.6 + 2.4 s: within gap + grace
            run.send(word("b", 0, "나", 2400));
            assertThat(run.read()).extracting(Sentence::getSessionId).containsExactly("b");

            // When stream time passes 0.6 + 1.5 + 1.0 s
            run.send(word("b", 1, "아프다", 2600));

            // Then a's sentence is final although a sent nothing more
            List<Sentence> out = run.read();
            assertThat(out).filteredOn(s -> s.getSessionId().equals("a")).singleElement().satisfies(s -> {
                assertThat(s.getFinal$()).isTrue();
                assertThat(s.getWords()).containsExactly("물");
            });
            assertThat(out).filteredOn(s -> s.getSessionId().equals("b")).extracting(Sentence::getFinal$).containsExactly(false);
            assertThat(count("signstream.sink.sentences", "reason", "stream-time")).isEqualTo(1);
        }
    }

    @Test
    void theWallClockClosesALiveSessionWhoseCameraStopped() {
        try (Run run = new Run(settings())) {
            run.send(word("a", 0, "도움", 0), word("a", 1, "필요하다", 700));
            assertThat(run.read()).hasSize(2);

            run.driver.advanceWallClockTime(Duration.ofMillis(4800));
            assertThat(run.read()).isEmpty();

            run.driver.advanceWallClockTime(Duration.ofMillis(400));
            assertThat(run.read()).singleElement().satisfies(s -> {
                assertThat(s.getFinal$()).isTrue();
                assertThat(s.getText()).isEqualTo("도움 필요하다");
            });
            assertThat(count("signstream.sink.sentences", "reason", "wall-clock")).isEqualTo(1);

            // a late word of the same session opens the next sentence: no second final for sentence 0
            run.send(word("a", 2, "물", 1500));
            assertThat(run.read()).extracting(Sentence::getSentenceIndex, Sentence::getFinal$)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false));
        }
    }

    @Test
    void theSameWordsGiveTheSameSentencesLiveAndInAFastReplay() {
        List<WordEvent> session = List.of(word("r", 0, "나", 0), word("r", 1, "아프다", 800), word("r", 2, "병원", 1700),
                word("r", 3, "가다", 2500), word("r", 4, "물", 5000), word("r", 5, "주세요", 5900), end("r", 6, 8000));
        List<Sentence> live;
        List<Sentence> replay;
        // live: the wall clock moves with the capture clock
        try (Run run = new Run(settings())) {
            long previousMs = 0;
            for (WordEvent w : session) {
                long atMs = (w.getLastFrameTimeUs() - Words.T0_US) / 1000;
                run.driver.advanceWallClockTime(Duration.ofMillis(Math.max(0, atMs - previousMs)));
                previousMs = atMs;
                run.send(w);
            }
            live = run.read();
        }
        // replay at 10x
        try (Run run = new Run(settings())) {
            for (WordEvent w : session) {
                run.driver.advanceWallClockTime(Duration.ofMillis(80));
                run.send(w);
            }
            replay = run.read();
        }
        assertThat(live).filteredOn(Sentence::getFinal$).extracting(Sentence::getText)
                .containsExactly("저는 아파서 병원에 가요.", "물 좀 주세요.");
        assertThat(replay).isEqualTo(live);
    }

    @Test
    void closeLexiconMatchesBecomeTheKnownTextAndOthersJoinTheGlosses() {
        try (Run run = new Run(settings())) {
            // exact: 안녕하세요 만나다 반갑다
            run.send(word("x", 0, "안녕하세요", 0), word("x", 1, "만나다", 700), word("x", 2, "반갑다", 1400), end("x", 3, 3000));
            // one substitution in four glosses: still s05
            run.send(word("y", 0, "나", 0), word("y", 1, "아프다", 700), word("y", 2, "학교", 1400), word("y", 3, "가다", 2100),
                    end("y", 4, 4000));
            // one substitution in two glosses: too far from s06
            run.send(word("z", 0, "물", 0), word("z", 1, "어디", 700), end("z", 2, 3000));

            List<Sentence> finals = run.read().stream().filter(Sentence::getFinal$).toList();
            assertThat(finals).extracting(Sentence::getSessionId, Sentence::getText, Sentence::getLexiconMatch).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("x", "안녕하세요, 만나서 반갑습니다.", "s01"),
                    org.assertj.core.groups.Tuple.tuple("y", "저는 아파서 병원에 가요.", "s05"),
                    org.assertj.core.groups.Tuple.tuple("z", "물 어디", null));
            assertThat(finals.get(1).getWords()).containsExactly("나", "아프다", "학교", "가다");
            assertThat(count("signstream.sink.lexicon", "result", "matched")).isEqualTo(2);
            assertThat(count("signstream.sink.lexicon", "result", "unmatched")).isEqualTo(1);
        }
    }

    @Test
    void malformedWordEventsGoToTheDeadLetterTopicAndTheSessionGoesOn() {
        try (Run run = new Run(settings())) {
            Consumer<WordEvent> sendUnderKeyA = w -> run.words.pipeInput("a", w);
            sendUnderKeyA.accept(word("other", 0, "물", 0));
            sendUnderKeyA.accept(WordEvent.newBuilder(word("a", 0, "물", 0)).setGloss(" ").build());
            sendUnderKeyA.accept(WordEvent.newBuilder(word("a", 0, "물", 0)).setType(WordEventType.UNKNOWN).build());
            sendUnderKeyA.accept(WordEvent.newBuilder(word("a", 0, "물", 0)).setFirstFrameTimeUs(0).build());
            run.words.pipeInput("a", (WordEvent) null);
            sendUnderKeyA.accept(word("a", 0, "물", 0));

            assertThat(run.read()).extracting(Sentence::getText).containsExactly("물");
            List<DeadLetter> letters = run.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getStage).containsOnly("validate");
            assertThat(letters).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(letters).extracting(DeadLetter::getErrorMessage).satisfiesExactly(
                    m -> assertThat(m).contains("key 'a' differs from session_id 'other'"),
                    m -> assertThat(m).contains("blank gloss"),
                    m -> assertThat(m).contains("type UNKNOWN"),
                    m -> assertThat(m).contains("frame times 0.."),
                    m -> assertThat(m).contains("null word event"));
            assertThat(letters.get(0).getPayloadSize()).isPositive();
            assertThat(count("signstream.sink.words", "outcome", "rejected")).isEqualTo(5);
        }
    }

    /** At-least-once: see DeadLetterHandlersTest in service/ for why the driver needs it here. */
    @Test
    void unreadableBytesGoToTheDeadLetterTopic() {
        try (Run run = new Run(settings(), StreamsConfig.AT_LEAST_ONCE)) {
            TestInputTopic<String, byte[]> raw = run.driver.createInputTopic(names.words(), new StringSerializer(),
                    new ByteArraySerializer());
            raw.pipeInput("a", "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            run.send(word("a", 0, "물", 0));

            assertThat(run.read()).extracting(Sentence::getText).containsExactly("물");
            assertThat(run.deadLetters.readValuesToList()).singleElement().satisfies(d -> {
                assertThat(d.getStage()).isEqualTo("deserialize");
                assertThat(d.getSourceOffset()).isZero();
                assertThat(d.getPayloadSize()).isEqualTo(15);
            });
        }
    }
}
