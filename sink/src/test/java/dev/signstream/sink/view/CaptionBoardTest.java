package dev.signstream.sink.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.schemas.avro.Sentence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionBoardTest {

    static Sentence sentence(String session, int index, String text, boolean last) {
        return Sentence.newBuilder().setSessionId(session).setSentenceIndex(index).setWords(List.of(text.split(" ")))
                .setText(text).setLexiconMatch(null).setStartTimeUs(1_000_000L * index + 1).setEndTimeUs(1_000_000L * index + 500_000)
                .setFinal$(last).setModelVersion("v1").build();
    }

    /** Records what a listener got, as "index:final:text". */
    private static final class Recorder implements CaptionListener {
        final List<String> got = new ArrayList<>();

        @Override
        public void onLine(CaptionLine line, String json) {
            assertThat(json).contains("\"session_id\":\"" + line.sessionId() + "\"").contains("\"final\":" + line.isFinal());
            got.add(line.sentenceIndex() + ":" + line.isFinal() + ":" + line.text());
        }
    }

    @Test
    void keepsFinalsInOrderAndTheLatestLineAsCurrent() {
        CaptionBoard board = new CaptionBoard();
        board.apply(sentence("a", 0, "물", false));
        board.apply(sentence("a", 0, "물 주세요", false));
        board.apply(sentence("a", 0, "물 주세요", true));
        board.apply(sentence("a", 1, "나", false));

        SessionSnapshot snapshot = board.snapshot("a").orElseThrow();
        assertThat(snapshot.finals()).extracting(CaptionLine::text).containsExactly("물 주세요");
        assertThat(snapshot.current()).satisfies(c -> {
            assertThat(c.sentenceIndex()).isEqualTo(1);
            assertThat(c.isFinal()).isFalse();
        });
        assertThat(board.sessions()).singleElement().satisfies(s -> {
            assertThat(s.finalSentences()).isEqualTo(1);
            assertThat(s.lastText()).isEqualTo("나");
        });
        assertThat(board.snapshot("b")).isEmpty();
    }

    @Test
    void aLateSubscriberFirstGetsTheLastFinalAndTheOpenPartialThenEveryUpdate() {
        CaptionBoard board = new CaptionBoard();
        board.apply(sentence("a", 0, "하나", true));
        board.apply(sentence("a", 1, "둘", true));
        board.apply(sentence("a", 2, "셋", false));
        Recorder recorder = new Recorder();

        Runnable unsubscribe = board.subscribe("a", recorder).orElseThrow();
        board.apply(sentence("a", 2, "셋 넷", false));
        board.apply(sentence("a", 2, "셋 넷", true));
        board.apply(sentence("a", 2, "셋", false)); // a stale partial of a final sentence: ignored
        unsubscribe.run();
        board.apply(sentence("a", 3, "다섯", false));

        assertThat(recorder.got).containsExactly("1:true:둘", "2:false:셋", "2:false:셋 넷", "2:true:셋 넷");
        assertThat(board.subscribe("unknown", recorder)).isEmpty();
    }

    @Test
    void aSubscriberToASessionBetweenSentencesGetsOnlyTheLastFinal() {
        CaptionBoard board = new CaptionBoard();
        board.apply(sentence("a", 0, "하나", true));
        Recorder recorder = new Recorder();

        board.subscribe("a", recorder);

        assertThat(recorder.got).containsExactly("0:true:하나");
    }

    @Test
    void forgetsQuietSessionsNobodyWatches() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        CaptionBoard board = new CaptionBoard(clock);
        board.apply(sentence("quiet", 0, "하나", true));
        board.apply(sentence("watched", 0, "하나", true));
        board.subscribe("watched", new Recorder());
        clock.now = clock.now.plus(Duration.ofHours(2));
        board.apply(sentence("busy", 0, "하나", true));

        assertThat(board.evictQuiet(Duration.ofHours(1))).isEqualTo(1);
        assertThat(board.sessions()).extracting(SessionSummary::sessionId).containsExactlyInAnyOrder("watched", "busy");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
