package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.decoder.DecoderConfig;
import dev.signstream.inference.decoder.DecoderOutput;
import dev.signstream.inference.decoder.DecoderState;
import dev.signstream.inference.decoder.WordDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decoder rule on scripted logits: when words are emitted, when the model resets, which times they carry. */
class WordDecoderTest {

    private static final List<String> LABELS = List.of("<idle>", "hello", "thanks", "school");
    private static final long CHUNK_US = 533_336; // 8 frames at 15 fps

    private final WordDecoder decoder = new WordDecoder(LABELS, 0, DecoderConfig.DEFAULTS);

    /** Logits whose softmax puts {@code p} on {@code label} and spreads the rest evenly. */
    private static float[] confident(int label, double p) {
        float[] logits = new float[LABELS.size()];
        double rest = (1 - p) / (LABELS.size() - 1);
        for (int c = 0; c < logits.length; c++) {
            logits[c] = (float) Math.log(c == label ? p : rest);
        }
        return logits;
    }

    /** Feeds chunks (one logits row each) with seq 0.. and chunk-aligned capture times; collects outputs. */
    private List<DecoderOutput> feed(DecoderState state, List<float[]> chunks, long firstSeq) {
        List<DecoderOutput> outputs = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            long seq = firstSeq + i;
            outputs.add(decoder.accept(state, chunks.get(i), seq * CHUNK_US, seq * CHUNK_US + CHUNK_US - 66_667, seq, 0));
        }
        return outputs;
    }

    @Test
    void twoConfidentChunksOfOneSignEmitItAndResetTheModel() {
        DecoderState state = decoder.newState();
        List<DecoderOutput> out = feed(state, List.of(
                confident(0, 0.97),   // rest
                confident(1, 0.40),   // the sign begins: not idle any more, not yet confident
                confident(1, 0.70),   // confident once
                confident(1, 0.80)),  // twice: emit
                0);

        assertThat(out.subList(0, 3)).allSatisfy(o -> assertThat(o.word()).isEmpty());
        assertThat(out.subList(0, 3)).noneMatch(DecoderOutput::resetModel);
        DecodedWord word = out.get(3).word().orElseThrow();
        assertThat(out.get(3).resetModel()).isTrue();
        assertThat(word.wordIndex()).isZero();
        assertThat(word.labelId()).isEqualTo(1);
        assertThat(word.gloss()).isEqualTo("hello");
        assertThat(word.confidence()).isCloseTo(0.80f, org.assertj.core.data.Offset.offset(1e-5f));
        // onset: the first chunk whose idle probability fell below idle_confidence (seq 1)
        assertThat(word.firstSeq()).isEqualTo(1);
        assertThat(word.firstFrameTimeUs()).isEqualTo(CHUNK_US);
        assertThat(word.lastSeq()).isEqualTo(3);
        assertThat(word.lastFrameTimeUs()).isEqualTo(3 * CHUNK_US + CHUNK_US - 66_667);
        assertThat(word.topK()).hasSize(4);
        assertThat(word.topK().get(0).labelId()).isEqualTo(1);
        assertThat(word.topK().get(0).score()).isEqualTo(word.confidence());
        assertThat(word.topK()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        assertThat(state.wordsEmitted()).isEqualTo(1);
        assertThat(state.candidate()).isEqualTo(-1);
    }

    @Test
    void aChangeOfSignRestartsTheStreakAndAnUnsureChunkBreaksIt() {
        DecoderState state = decoder.newState();
        List<DecoderOutput> out = feed(state, List.of(
                confident(1, 0.70), confident(2, 0.70),   // hello then thanks: no streak of two
                confident(2, 0.50),                        // unsure: breaks the streak
                confident(2, 0.65)),                       // thanks once again
                0);
        assertThat(out).allSatisfy(o -> assertThat(o.word()).isEmpty());
        DecoderOutput next = decoder.accept(state, confident(2, 0.9), 4 * CHUNK_US, 5 * CHUNK_US - 1, 4, 0);
        assertThat(next.word().orElseThrow().gloss()).isEqualTo("thanks");
    }

    @Test
    void aLongRestResetsTheModelWithoutAWord() {
        DecoderState state = decoder.newState();
        List<DecoderOutput> out = feed(state,
                List.of(confident(0, 0.95), confident(0, 0.95), confident(0, 0.95), confident(0, 0.80), confident(0, 0.95)),
                0);
        assertThat(out).extracting(DecoderOutput::resetModel).containsExactly(false, true, false, false, false);
        assertThat(out).allSatisfy(o -> assertThat(o.word()).isEmpty());
        assertThat(state.wordsEmitted()).isZero();
    }

    @Test
    void aSegmentWithNeitherWordNorConfidentRestIsResetAfterMaxSegmentSeconds() {
        // A weak model: idle never reaches idle_confidence, no sign reaches min_confidence.
        DecoderState state = decoder.newState();
        List<float[]> unsure = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            unsure.add(confident(0, 0.6));
        }
        List<DecoderOutput> out = feed(state, unsure, 0);
        // chunks of 533,336 us: the chunk ending at or after 4 s of capture time resets (chunk 7 ends at 4.2 s)
        assertThat(out).extracting(DecoderOutput::resetModel)
                .containsExactly(false, false, false, false, false, false, false, true, false, false);
        assertThat(out).allSatisfy(o -> assertThat(o.word()).isEmpty());

        WordDecoder off = new WordDecoder(LABELS, 0, DecoderConfig.fromSettings(Map.of("max_segment_seconds", 0)));
        DecoderState never = off.newState();
        for (int i = 0; i < 20; i++) {
            assertThat(off.accept(never, confident(0, 0.6), i * CHUNK_US, (i + 1) * CHUNK_US - 1, i, 0).resetModel())
                    .isFalse();
        }
    }

    @Test
    void flushEmitsASignConfidentInTheLastChunkOnly() {
        DecoderState pending = decoder.newState();
        feed(pending, List.of(confident(3, 0.75)), 0);
        Optional<DecodedWord> word = decoder.flush(pending);
        assertThat(word).map(DecodedWord::gloss).contains("school");
        assertThat(decoder.flush(pending)).as("flush empties the state").isEmpty();

        DecoderState unsure = decoder.newState();
        feed(unsure, List.of(confident(3, 0.75), confident(3, 0.3)), 0);
        assertThat(decoder.flush(unsure)).isEmpty();
    }

    @Test
    void gapsInsideAWordAreCounted() {
        DecoderState state = decoder.newState();
        decoder.accept(state, confident(1, 0.7), 0, 1, 0, 0);
        DecoderOutput out = decoder.accept(state, confident(1, 0.7), 10 * CHUNK_US, 11 * CHUNK_US, 3, 2);
        assertThat(out.word().orElseThrow().gapChunks()).isEqualTo(2);
    }

    @Test
    void thresholdsComeFromSettingsAndUnknownKeysAreErrors() {
        DecoderConfig config = DecoderConfig.fromSettings(Map.of("min_confidence", 0.8, "stable_chunks", 1));
        assertThat(config.minConfidence()).isEqualTo(0.8);
        assertThat(config.stableChunks()).isEqualTo(1);
        assertThat(config.idleConfidence()).isEqualTo(DecoderConfig.DEFAULTS.idleConfidence());
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("min_confidense", 0.8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_confidense");
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("stable_chunks", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("min_confidence", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");

        WordDecoder eager = new WordDecoder(LABELS, 0, config);
        DecoderState state = eager.newState();
        assertThat(eager.accept(state, confident(2, 0.79), 0, 1, 0, 0).word()).isEmpty();
        assertThat(eager.accept(state, confident(2, 0.81), 2, 3, 1, 0).word()).isPresent();
    }

    @Test
    void logitsOfTheWrongLengthOrNaNAreRefused() {
        DecoderState state = decoder.newState();
        assertThatThrownBy(() -> decoder.accept(state, new float[3], 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4 logits");
        assertThatThrownBy(() -> decoder.accept(state, new float[] {0, Float.NaN, 0, 0}, 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
