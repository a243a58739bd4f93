package dev.signstream.sink.sentence;

import static dev.signstream.sink.testing.Words.end;
import static dev.signstream.sink.testing.Words.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.signstream.schemas.SentenceRecords;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.sink.testing.Words;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the sentence topology cuts words into sentences and ends sessions, under the test driver with
 * the real serdes on an in-memory registry ({@link SentenceDriver}); CaptionSinkKafkaTest and
 * PoisonRecordsTest run it on a broker and the real registry.
 */
class SentenceTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void wordsWithinTheGapMakePartialsAndALaterWordClosesTheSentence() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
                    .containsExactly(tuple(0, true, "나 배고프다 물"),
                            tuple(1, false, "화장실"));
            assertThat(next.get(0).getWords()).containsExactly("나", "배고프다", "물");
            assertThat(next.get(0).getModelVersion()).isEqualTo("v1");
            assertThat(run.count("signstream.sink.sentences", "reason", "gap")).isEqualTo(1);
        }
    }

    @Test
    void sentenceRecordsAreStampedWhenEmittedSoAnOldRecordingsSentencesOutliveTheTopicsRetention() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
            // Given words whose signs were captured from T0 (10 s before the driver's wall clock)
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 900));

            // Then the sentences keep T0 in their fields and take the wall clock as record time
            var records = run.sentences.readRecordsToList();
            assertThat(records).hasSize(2).allSatisfy(r -> {
                assertThat(r.getValue().getStartTimeUs()).isEqualTo(Words.T0_US);
                assertThat(r.getRecordTime()).isEqualTo(SentenceDriver.WALL_START);
            });
        }
    }

    @Test
    void aWordExactlyOneGapLaterStillJoinsTheSentence() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
            run.send(word("a", 0, "물", 0), word("a", 1, "주세요", 600 + 1500));

            assertThat(run.read()).extracting(Sentence::getFinal$).containsExactly(false, false);
        }
    }

    @Test
    void sessionEndClosesTheOpenSentenceOnceAndDuplicatesAreSkipped() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
            assertThat(run.count("signstream.sink.words", "outcome", "duplicate")).isEqualTo(3);
            assertThat(run.count("signstream.sink.sentences", "reason", "session-end")).isEqualTo(1);

            // And a replayed word of the ended session changes nothing
            run.send(word("a", 1, "주세요", 800));
            assertThat(run.read()).isEmpty();
        }
    }

    @Test
    void sessionEndWritesOneEndMarkerAfterTheLastFinalSentence() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
            assertThat(run.count("signstream.sink.sessions.ended")).isEqualTo(1);

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
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
            run.send(word("a", 0, "물", 0), end("a", 1, 1000));
            run.read();

            run.send(word("a", 1, "주세요", 5000), word("a", 2, "물", 20_000));

            // the session continued after its end: sentence numbering goes on
            assertThat(run.read()).extracting(Sentence::getSentenceIndex, Sentence::getFinal$)
                    .containsExactly(tuple(1, false), tuple(1, true),
                            tuple(2, false));
        }
    }

    @Test
    void streamTimeFromOtherSessionsClosesAQuietSessionAfterGapAndGrace() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
            assertThat(run.count("signstream.sink.sentences", "reason", "stream-time")).isEqualTo(1);
        }
    }

    @Test
    void theWallClockClosesALiveSessionWhoseCameraStopped() {
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
            run.send(word("a", 0, "도움", 0), word("a", 1, "필요하다", 700));
            assertThat(run.read()).hasSize(2);

            run.driver.advanceWallClockTime(Duration.ofMillis(4800));
            assertThat(run.read()).isEmpty();

            run.driver.advanceWallClockTime(Duration.ofMillis(400));
            assertThat(run.read()).singleElement().satisfies(s -> {
                assertThat(s.getFinal$()).isTrue();
                assertThat(s.getText()).isEqualTo("도움 필요하다");
            });
            assertThat(run.count("signstream.sink.sentences", "reason", "wall-clock")).isEqualTo(1);

            // a late word of the same session opens the next sentence: no second final for sentence 0
            run.send(word("a", 2, "물", 1500));
            assertThat(run.read()).extracting(Sentence::getSentenceIndex, Sentence::getFinal$)
                    .containsExactly(tuple(1, false));
        }
    }

    @Test
    void theSameWordsGiveTheSameSentencesLiveAndInAFastReplay() {
        List<WordEvent> session = List.of(word("r", 0, "나", 0), word("r", 1, "아프다", 800), word("r", 2, "병원", 1700),
                word("r", 3, "가다", 2500), word("r", 4, "물", 5000), word("r", 5, "주세요", 5900), end("r", 6, 8000));
        List<Sentence> live;
        List<Sentence> replay;
        // live: the wall clock moves with the capture clock
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
        try (SentenceDriver run = new SentenceDriver(stateDir)) {
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
}
