package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.decoder.DecoderConfig;
import dev.signstream.inference.decoder.DecoderState;
import dev.signstream.inference.decoder.WordDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The peak decoder on scripted readings: when words are emitted, how runs and hand-overs split, which times they carry. */
class WordDecoderTest {

    private static final List<String> LABELS = List.of("<idle>", "hello", "thanks", "school", "<signing>");
    private static final int SIGNING = 4;
    private static final long CHUNK_US = 533_336; // 8 frames at 15 fps

    private final WordDecoder decoder = new WordDecoder(LABELS, 0, SIGNING, DecoderConfig.DEFAULTS);

    /** Logits whose softmax puts {@code p} on {@code label} and spreads the rest evenly. */
    private static float[] reading(int label, double p) {
        float[] logits = new float[LABELS.size()];
        double rest = (1 - p) / (LABELS.size() - 1);
        for (int c = 0; c < logits.length; c++) {
            logits[c] = (float) Math.log(c == label ? p : rest);
        }
        return logits;
    }

    /** Feeds readings with seq 0.. and chunk-aligned capture times; collects what each emitted. */
    private List<Optional<DecodedWord>> feed(DecoderState state, List<float[]> readings) {
        List<Optional<DecodedWord>> outputs = new ArrayList<>();
        for (int seq = 0; seq < readings.size(); seq++) {
            outputs.add(decoder.accept(state, readings.get(seq), seq * CHUNK_US, seq * CHUNK_US + CHUNK_US - 66_667,
                    seq, 0));
        }
        return outputs;
    }

    private static List<String> glosses(List<Optional<DecodedWord>> outputs) {
        return outputs.stream().flatMap(Optional::stream).map(DecodedWord::gloss).toList();
    }

    @Test
    void aConfidentReadingAfterTheSignEmitsOneWordWithItsOnsetAndDecidingChunk() {
        DecoderState state = decoder.newState();
        List<Optional<DecodedWord>> out = feed(state, List.of(
                reading(0, 0.97),         // rest
                reading(SIGNING, 0.9),    // the sign is being made: its onset
                reading(SIGNING, 0.8),
                reading(1, 0.80),         // the sign is complete: emit
                reading(1, 0.70),         // the same run: no second word
                reading(0, 0.9)));        // rest

        assertThat(glosses(out)).containsExactly("hello");
        DecodedWord word = out.get(3).orElseThrow();
        assertThat(word.wordIndex()).isZero();
        assertThat(word.labelId()).isEqualTo(1);
        assertThat(word.confidence()).isCloseTo(0.80f, Offset.offset(1e-5f));
        assertThat(word.firstSeq()).as("onset: the first chunk that was not rest").isEqualTo(1);
        assertThat(word.firstFrameTimeUs()).isEqualTo(CHUNK_US);
        assertThat(word.lastSeq()).isEqualTo(3);
        assertThat(word.lastFrameTimeUs()).isEqualTo(3 * CHUNK_US + CHUNK_US - 66_667);
        assertThat(word.topK()).hasSize(5);
        assertThat(word.topK().get(0).labelId()).isEqualTo(1);
        assertThat(word.topK().get(0).score()).isEqualTo(word.confidence());
        assertThat(word.topK()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        assertThat(state.wordsEmitted()).isEqualTo(1);
    }

    @Test
    void aHandOverWithoutRestStillSeparatesTwoWordsAndAnUnsureReadingSplitsARun() {
        DecoderState state = decoder.newState();
        List<Optional<DecodedWord>> out = feed(state, List.of(
                reading(SIGNING, 0.9), reading(1, 0.9),     // hello
                reading(2, 0.9),                            // thanks straight after: a second word
                reading(SIGNING, 0.9), reading(3, 0.6),     // school
                reading(3, 0.3),                            // not confident: the run ends
                reading(3, 0.9)));                          // school again: a new word
        assertThat(glosses(out)).containsExactly("hello", "thanks", "school", "school");
        assertThat(out.get(2).orElseThrow().firstSeq()).as("the hand-over's onset is its own chunk").isEqualTo(2);
        assertThat(out.get(4).orElseThrow().firstSeq()).isEqualTo(3);
    }

    @Test
    void idleAndSigningAreNeverWordsHoweverConfident() {
        DecoderState state = decoder.newState();
        List<Optional<DecodedWord>> out = feed(state, List.of(reading(0, 0.99), reading(SIGNING, 0.99),
                reading(0, 0.99), reading(SIGNING, 0.99)));
        assertThat(out).allSatisfy(o -> assertThat(o).isEmpty());
        assertThat(state.wordsEmitted()).isZero();
    }

    @Test
    void restForgetsTheOnset() {
        DecoderState state = decoder.newState();
        List<Optional<DecodedWord>> out = feed(state, List.of(reading(SIGNING, 0.9), reading(0, 0.9),
                reading(0, 0.9), reading(SIGNING, 0.9), reading(2, 0.9)));
        assertThat(out.get(4).orElseThrow().firstSeq()).isEqualTo(3);
    }

    @Test
    void gapsInsideASignAreCounted() {
        DecoderState state = decoder.newState();
        decoder.accept(state, reading(SIGNING, 0.9), 0, 1, 0, 0);
        DecodedWord word = decoder.accept(state, reading(1, 0.7), 10 * CHUNK_US, 11 * CHUNK_US, 3, 2).orElseThrow();
        assertThat(word.gapChunks()).isEqualTo(2);
        assertThat(word.firstSeq()).isZero();
    }

    @Test
    void theStateSurvivesItsBytes() {
        DecoderState state = decoder.newState();
        feed(state, List.of(reading(SIGNING, 0.9), reading(2, 0.9), reading(SIGNING, 0.9)));
        ByteBuffer bytes = ByteBuffer.allocate(state.serializedSize());
        state.writeTo(bytes);
        bytes.flip();
        DecoderState copy = decoder.newState();
        copy.readFrom(bytes, LABELS.size());
        assertThat(copy).isEqualTo(state);
        assertThat(bytes.remaining()).isZero();

        ByteBuffer bad = ByteBuffer.allocate(state.serializedSize()).putInt(9);
        bad.rewind();
        assertThatThrownBy(() -> decoder.newState().readFrom(bad, LABELS.size()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void settingsComeFromTheManifestAndUnknownOrRetiredKeysAreErrors() {
        DecoderConfig config = DecoderConfig.fromSettings(Map.of("min_confidence", 0.8, "top_k", 3));
        assertThat(config.minConfidence()).isEqualTo(0.8);
        assertThat(config.topK()).isEqualTo(3);
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("min_confidense", 0.8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min_confidense");
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("stable_chunks", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 1");
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("top_k", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> DecoderConfig.fromSettings(Map.of("min_confidence", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]");

        WordDecoder strict = new WordDecoder(LABELS, 0, SIGNING, config);
        DecoderState state = strict.newState();
        assertThat(strict.accept(state, reading(2, 0.79), 0, 1, 0, 0)).isEmpty();
        assertThat(strict.accept(state, reading(2, 0.81), 2, 3, 1, 0)).isPresent();
        assertThat(strict.accept(state, reading(2, 0.95), 4, 5, 2, 0).map(w -> w.topK().size())).isEmpty();
    }

    @Test
    void logitsOfTheWrongLengthOrNaNAndBadClassIdsAreRefused() {
        DecoderState state = decoder.newState();
        assertThatThrownBy(() -> decoder.accept(state, new float[3], 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 5 logits");
        assertThatThrownBy(() -> decoder.accept(state, new float[] {0, Float.NaN, 0, 0, 0}, 0, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new WordDecoder(LABELS, 0, 0, DecoderConfig.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signing index");
        assertThatThrownBy(() -> new WordDecoder(List.of("<idle>", "<signing>"), 0, 1, DecoderConfig.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sign");
    }
}
