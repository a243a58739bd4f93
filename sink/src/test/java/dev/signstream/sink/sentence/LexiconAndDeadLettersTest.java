package dev.signstream.sink.sentence;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sentence topology makes of words beyond cutting them: lexicon matches as the known
 * text, malformed and unreadable records as dead letters (the test driver, the real serdes on an
 * in-memory registry, {@link SentenceDriver}).
 */
class LexiconAndDeadLettersTest {

    @TempDir
    Path stateDir;

    @Test
    void closeLexiconMatchesBecomeTheKnownTextAndOthersJoinTheGlosses() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
            // exact: 안녕하세요 만나다 반갑다
            run.send(word("x", 0, "안녕하세요", 0), word("x", 1, "만나다", 700), word("x", 2, "반갑다", 1400), end("x", 3, 3000));
            // one substitution in four glosses: still s05
            run.send(word("y", 0, "나", 0), word("y", 1, "아프다", 700), word("y", 2, "학교", 1400), word("y", 3, "가다", 2100),
                    end("y", 4, 4000));
            // one substitution in two glosses: too far from s06
            run.send(word("z", 0, "물", 0), word("z", 1, "어디", 700), end("z", 2, 3000));

            List<Sentence> finals = run.read().stream().filter(Sentence::getFinal$).toList();
            assertThat(finals).extracting(Sentence::getSessionId, Sentence::getText, Sentence::getLexiconMatch).containsExactly(
                    tuple("x", "안녕하세요, 만나서 반갑습니다.", "s01"),
                    tuple("y", "저는 아파서 병원에 가요.", "s05"),
                    tuple("z", "물 어디", null));
            assertThat(finals.get(1).getWords()).containsExactly("나", "아프다", "학교", "가다");
            assertThat(run.count("signstream.sink.lexicon", "result", "matched")).isEqualTo(2);
            assertThat(run.count("signstream.sink.lexicon", "result", "unmatched")).isEqualTo(1);
        }
    }

    @Test
    void malformedWordEventsGoToTheDeadLetterTopicAndTheSessionGoesOn() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
            assertThat(run.count("signstream.sink.words", "outcome", "rejected")).isEqualTo(5);
        }
    }

    /** At-least-once: see DeadLetterHandlersTest in service/ for why the driver needs it here. */
    @Test
    void unreadableBytesGoToTheDeadLetterTopic() {
        try (SentenceDriver run = new SentenceDriver(stateDir, StreamsConfig.AT_LEAST_ONCE)) {
            TestInputTopic<String, byte[]> raw = run.driver.createInputTopic(run.names.words(), new StringSerializer(),
                    new ByteArraySerializer());
            raw.pipeInput("a", "not avro at all".getBytes(StandardCharsets.UTF_8));
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
