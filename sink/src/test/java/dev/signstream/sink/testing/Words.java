package dev.signstream.sink.testing;

import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.time.Instant;
import java.util.List;

/** Word events as the processor would write them, for tests. */
public final class Words {

    /** 2026-01-01T00:00:00Z in epoch microseconds: the capture clock of test sessions. */
    public static final long T0_US = 1_767_225_600_000_000L;
    /** How long a test sign lasts. */
    public static final long SIGN_US = 600_000;

    private Words() {
    }

    /** Word {@code index} of a session, its sign starting {@code startMs} after {@link #T0_US}. */
    public static WordEvent word(String session, int index, String gloss, long startMs) {
        return wordAt(session, index, gloss, T0_US + startMs * 1000);
    }

    /** Word {@code index} of a session whose sign starts at {@code firstUs} (epoch micros). */
    public static WordEvent wordAt(String session, int index, String gloss, long firstUs) {
        return WordEvent.newBuilder()
                .setSessionId(session)
                .setType(WordEventType.WORD)
                .setWordIndex(index)
                .setLabelId(index + 1)
                .setGloss(gloss)
                .setConfidence(0.9f)
                .setTopK(List.of())
                .setFirstFrameTimeUs(firstUs)
                .setLastFrameTimeUs(firstUs + SIGN_US)
                .setEmitTimeMs(Instant.now())
                .setModelName("test")
                .setModelVersion("v1")
                .setFirstSeq(index * 2L)
                .setLastSeq(index * 2L + 1)
                .build();
    }

    /** The end of a session that had {@code words} words, at {@code atMs} after {@link #T0_US}. */
    public static WordEvent end(String session, int words, long atMs) {
        return WordEvent.newBuilder(word(session, words, "", atMs))
                .setType(WordEventType.SESSION_END)
                .setLabelId(-1)
                .setGloss("")
                .setConfidence(0f)
                .setFirstFrameTimeUs(T0_US + atMs * 1000)
                .setLastFrameTimeUs(T0_US + atMs * 1000)
                .build();
    }
}
