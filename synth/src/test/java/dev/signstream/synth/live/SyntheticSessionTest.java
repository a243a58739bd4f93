package dev.signstream.synth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.media.RgbFrame;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SyntheticSessionTest {

    private static final long START = 1_700_000_000_000_000L;

    private static SessionSpec spec(String id, int signer, SessionScript script, long seed) {
        return new SessionSpec(id, SignerIdentity.of(SignerPool.LIVE, signer, 9), script, 112, 15, seed, START);
    }

    @Test
    void aFiniteScriptIsSignedInOrderWithConsistentTruthAndEnds() {
        Sentences sentences = Sentences.standard();
        List<Sentence> script = List.of(sentences.byId("s05"), sentences.byId("s23"), sentences.byId("s06"));
        List<FrameTruth> truths = new ArrayList<>();
        try (SyntheticSession session = new SyntheticSession(spec("cam-1", 0, SessionScript.of(script), 3))) {
            byte[] rgb = new byte[112 * 112 * 3];
            while (session.hasNext()) {
                truths.add(session.next(rgb));
            }
            assertThatThrownBy(() -> session.next(rgb)).isInstanceOf(NoSuchElementException.class);
        }

        // frames and capture times advance evenly; only the final frame is marked last
        for (int i = 0; i < truths.size(); i++) {
            FrameTruth t = truths.get(i);
            assertThat(t.frame()).isEqualTo(i);
            assertThat(t.captureMicros()).isEqualTo(START + Math.round(i * 1_000_000.0 / 15));
            assertThat(t.last()).isEqualTo(i == truths.size() - 1);
        }
        // the words, in order, are exactly the scripted glosses, each a contiguous run of frames
        List<String> words = new ArrayList<>();
        long previousWord = -1;
        for (FrameTruth t : truths) {
            if (t.idle()) {
                assertThat(t.label()).isEqualTo("<idle>");
                assertThat(t.labelId()).isZero();
                continue;
            }
            assertThat(t.frame()).isBetween(t.signStartFrame(), t.signEndFrame() - 1);
            if (t.wordIndex() != previousWord) {
                assertThat(t.wordIndex()).isEqualTo(previousWord + 1);
                assertThat(t.frame()).isEqualTo(t.signStartFrame());
                words.add(t.label());
                previousWord = t.wordIndex();
            }
            assertThat(t.sentenceId()).isNotNull();
        }
        List<String> expected = new ArrayList<>();
        script.forEach(s -> expected.addAll(s.glosses()));
        assertThat(words).isEqualTo(expected);
        // sentence ids follow the script; the text travels with them
        List<String> sentenceOrder = truths.stream().filter(t -> t.sentenceId() != null).map(FrameTruth::sentenceId).distinct().toList();
        assertThat(sentenceOrder).containsExactly("s05", "s23", "s06");
        assertThat(truths).filteredOn(t -> "s23".equals(t.sentenceId())).allSatisfy(t -> {
            assertThat(t.sentenceText()).isEqualTo("저는 오늘 친구를 만나서 밥을 먹어요.");
            assertThat(t.sentenceIndex()).isEqualTo(1);
        });
        // rests before the first and after the last sign
        assertThat(truths.get(0).idle()).isTrue();
        assertThat(truths.get(truths.size() - 1).idle()).isTrue();
    }

    @Test
    void theSameSpecGivesTheSameFramesAndOtherSignersLookDifferent() {
        SessionScript script = SessionScript.endless(Sentences.standard());
        byte[] a = new byte[112 * 112 * 3];
        byte[] b = new byte[112 * 112 * 3];
        byte[] c = new byte[112 * 112 * 3];
        try (SyntheticSession first = new SyntheticSession(spec("x", 4, script, 11));
             SyntheticSession second = new SyntheticSession(spec("x", 4, script, 11));
             SyntheticSession other = new SyntheticSession(spec("x", 5, script, 11))) {
            long differentFrames = 0;
            for (int i = 0; i < 120; i++) {
                FrameTruth ta = first.next(a);
                FrameTruth tb = second.next(b);
                other.next(c);
                assertThat(b).isEqualTo(a);
                assertThat(tb).isEqualTo(ta);
                if (!Arrays.equals(a, c)) {
                    differentFrames++;
                }
            }
            assertThat(differentFrames).isEqualTo(120);
        }
    }

    @Test
    void anEndlessSessionRunsForMinutesInBoundedMemory() {
        try (SyntheticSession session = new SyntheticSession(spec("long", 1, SessionScript.endless(Sentences.standard()), 5))) {
            RgbFrame frame = new RgbFrame(112, 112);
            long words = 0;
            long lastWord = -1;
            // five minutes of video at 15 fps
            for (int i = 0; i < 5 * 60 * 15; i++) {
                FrameTruth truth = session.next(frame);
                assertThat(frame.timestampMicros()).isEqualTo(truth.captureMicros());
                if (truth.wordIndex() > lastWord) {
                    words++;
                    lastWord = truth.wordIndex();
                }
            }
            assertThat(session.hasNext()).isTrue();
            // about one sign per 1.5 s including rests between sentences
            assertThat(words).isBetween(100L, 300L);
        }
    }

    @Test
    void rejectsBadSpecs() {
        SessionScript script = SessionScript.endless(Sentences.standard());
        SignerIdentity signer = SignerIdentity.of(SignerPool.LIVE, 0, 1);
        assertThatThrownBy(() -> new SessionSpec(" ", signer, script, 112, 15, 1, 0)).hasMessageContaining("id");
        assertThatThrownBy(() -> new SessionSpec("s", signer, script, 112, 0, 1, 0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> SessionScript.of(List.of())).hasMessageContaining("at least one");
        try (SyntheticSession session = new SyntheticSession(spec("s", 0, script, 1))) {
            assertThatThrownBy(() -> session.next(new RgbFrame(64, 64))).hasMessageContaining("112x112");
        }
    }
}
