package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.platform.Fp16Conversions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateStorage;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.CorruptStateException;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateCodec;
import dev.signstream.inference.state.StateLayout;
import dev.signstream.inference.state.StateRestore;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compact session state: round trip, size, model-version refusal, corrupt input. */
class StateCodecTest {

    private static StreamModel model;
    private static StreamPredictor predictor;

    @BeforeAll
    static void load() {
        model = TestModel.load();
        predictor = model.newPredictor();
    }

    @AfterAll
    static void close() {
        predictor.close();
        model.close();
    }

    /** A session that has applied 3 chunks of real frames and decoded them. */
    private SessionState advancedState() {
        Recognizer recognizer = new Recognizer(predictor, model.wordDecoder());
        SessionState state = model.stateCodec().newState();
        byte[][] clip = TestModel.randomFrames(new Random(9), 24);
        FrameBlock block = model.newFrameBlock(8);
        for (int c = 0; c < 3; c++) {
            recognizer.accept(state, 10 + c, TestModel.fill(block, clip, 8 * c, 8));
        }
        return state;
    }

    @Test
    void roundTripKeepsFp32TensorsExactlyAndFp16TensorsAsHalfRoundsThem() {
        // Given a session after 24 frames
        StateCodec codec = model.stateCodec();
        SessionState state = advancedState();

        // When it is encoded and decoded
        byte[] bytes = codec.encode(state);
        StateRestore restore = codec.decode(bytes);

        // Then the header, decoder and tensors come back as stored
        assertThat(restore.restored()).isTrue();
        assertThat(restore.reason()).isNull();
        SessionState back = restore.state();
        assertThat(back.framesSeen()).isEqualTo(24);
        assertThat(back.lastAppliedSeq()).isEqualTo(12);
        assertThat(back.decoder()).isEqualTo(state.decoder());
        StateLayout layout = codec.layout();
        int halfRounded = 0;
        for (int t = 0; t < layout.tensorCount(); t++) {
            for (int i = layout.offset(t); i < layout.offset(t) + layout.elements(t); i++) {
                float original = state.tensors()[i];
                float expected = layout.spec(t).storage() == StateStorage.FLOAT16
                        ? Fp16Conversions.fp16ToFloat(Fp16Conversions.floatToFp16(original))
                        : original;
                assertThat(back.tensors()[i]).as("%s[%d]", layout.spec(t).name(), i - layout.offset(t))
                        .isEqualTo(expected);
                if (expected != original) {
                    halfRounded++;
                }
            }
        }
        assertThat(halfRounded).as("fp16 tensors were really stored as halves").isGreaterThan(1000);
        assertThat(back.modelFrameCount()).isEqualTo(state.modelFrameCount());
        // and re-encoding the decoded state gives the same bytes
        assertThat(codec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void encodeAndRoundLeavesTheStateInMemoryEqualToItsRestoredCopy() {
        // Given a session after 24 frames, and its plain encoding
        StateCodec codec = model.stateCodec();
        SessionState state = advancedState();
        byte[] plain = codec.encode(state);
        float[] before = state.tensors().clone();

        // When it is encoded and rounded in place (as the processor keeps a session decoded)
        byte[] bytes = codec.encodeAndRound(state);

        // Then the bytes are the plain encoding, and the state in memory is exactly the restored one
        assertThat(bytes).isEqualTo(plain);
        assertThat(state.tensors()).isEqualTo(codec.decode(bytes).state().tensors());
        assertThat(state.tensors()).isNotEqualTo(before);
        // and stepping on from either gives the same logits, bit for bit
        SessionState restored = codec.decode(bytes).state();
        FrameBlock block = model.newFrameBlock(8);
        TestModel.fill(block, TestModel.randomFrames(new Random(10), 8), 0, 8);
        assertThat(predictor.step(state, block)).isEqualTo(predictor.step(restored, block));
    }

    @Test
    void encodedSizeIsHeaderPlusHalfBuffersPlusFloatSums() {
        StateCodec codec = model.stateCodec();
        SessionState state = advancedState();
        int tensorBytes = 0;
        for (var spec : model.manifest().states()) {
            tensorBytes += spec.elements() * (spec.storage() == StateStorage.FLOAT16 ? 2 : 4);
        }
        byte[] bytes = codec.encode(state);
        assertThat(bytes).hasSize(codec.encodedSize(state));
        // 31 header bytes (magic, format, version, frames, seq, decoder length) + the decoder state
        assertThat(bytes.length - tensorBytes).isEqualTo(31 + state.decoder().serializedSize());
        assertThat(state.decoder().serializedSize()).isEqualTo(28);
        assertThat(tensorBytes).isLessThan(4 * codec.layout().totalFloats() * 6 / 10);
    }

    @Test
    void stateOfAnotherModelVersionStartsFreshWithAReason() throws Exception {
        // Given a state written by this model, and a codec for a model that differs only in version
        byte[] bytes = model.stateCodec().encode(advancedState());
        ModelManifest m = ModelFolder.load(TestModel.folder()).manifest();
        ModelManifest other = new ModelManifest(m.name(), "00000000deadbeef", m.architecture(), m.inputName(),
                m.height(), m.width(), m.outputName(), m.fps(), m.chunkLength(), m.labels(), m.idleIndex(), m.signingIndex(), m.states(),
                m.decoderSettings());
        StateCodec otherCodec = new StateCodec(other, model.wordDecoder());

        // When the other model reads it
        StateRestore restore = otherCodec.decode(bytes);

        // Then it starts fresh and says why
        assertThat(restore.restored()).isFalse();
        assertThat(restore.reason()).contains(m.version()).contains("00000000deadbeef").contains("fresh");
        SessionState fresh = restore.state();
        assertThat(fresh.modelVersion()).isEqualTo("00000000deadbeef");
        assertThat(fresh.lastAppliedSeq()).isEqualTo(SessionState.NO_CHUNK);
        assertThat(fresh.framesSeen()).isZero();
        assertThat(fresh.decoder().wordsEmitted()).isZero();
        assertThat(fresh.tensors()).containsOnly(0f);
    }

    @Test
    void bytesThatAreNotAStateAreRefusedLoudly() {
        StateCodec codec = model.stateCodec();
        byte[] good = codec.encode(advancedState());
        assertThatThrownBy(() -> codec.decode(new byte[10])).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("too short");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> codec.decode(badMagic)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("magic");
        byte[] truncated = Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("needs " + codec.layout().storedBytes());
        byte[] futureFormat = good.clone();
        futureFormat[4] = 9;
        assertThatThrownBy(() -> codec.decode(futureFormat)).isInstanceOf(CorruptStateException.class)
                .hasMessageContaining("format 9");
    }

    @Test
    void aStreamBufferValueBeyondHalfRangeIsAnErrorNotAnInfinity() {
        StateCodec codec = model.stateCodec();
        SessionState state = codec.newState();
        int stream = -1;
        for (int t = 0; t < codec.layout().tensorCount(); t++) {
            if (codec.layout().spec(t).storage() == StateStorage.FLOAT16) {
                stream = t;
                break;
            }
        }
        state.tensors()[codec.layout().offset(stream)] = 70_000f;
        assertThatThrownBy(() -> codec.encode(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(codec.layout().spec(stream).name()).hasMessageContaining("float16");
    }
}
