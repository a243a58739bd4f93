package dev.signstream.inference.state;

import ai.onnxruntime.platform.Fp16Conversions;
import dev.signstream.inference.decoder.WordDecoder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateStorage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Writes a {@link SessionState} to one compact {@code byte[]} and reads it back.
 *
 * <p>Layout (little-endian): magic {@code "SSST"}, format byte, the model version (8 bytes, the 16
 * hex digits of the manifest), frames seen (long), last applied chunk seq (long), the decoder state
 * (2-byte length + bytes), then every state tensor in graph order as the manifest's storage says:
 * fp16 for stream buffers (IEEE half, round to nearest even), fp32 for running sums and the frame
 * count. Halves are ONNX Runtime's bit for bit ({@link Fp16}, a bulk form of its MLAS conversion;
 * reading them back is {@code Fp16Conversions.fp16ToFloat}).
 *
 * <p>{@link #encodeAndRound} also rounds the fp16 tensors of the state in memory to the values the
 * bytes hold, so a session kept decoded between chunks continues exactly as a copy restored from the
 * store would (the processor relies on it: the words after a failover equal those of an
 * uninterrupted run).
 *
 * <p>Thread-safe: it keeps no per-call state.
 */
public final class StateCodec {

    private static final int MAGIC = 'S' | 'S' << 8 | 'S' << 16 | 'T' << 24;
    private static final byte FORMAT = 3;
    private static final int HEADER_BYTES = 4 + 1 + 8 + 8 + 8 + 2;

    private final ModelManifest manifest;
    private final WordDecoder decoder;
    private final StateLayout layout;
    private final byte[] versionBytes;

    public StateCodec(ModelManifest manifest, WordDecoder decoder) {
        this.manifest = manifest;
        this.decoder = decoder;
        this.layout = new StateLayout(manifest.states());
        this.versionBytes = HexFormat.of().parseHex(manifest.version());
    }

    public StateLayout layout() {
        return layout;
    }

    /** A fresh session: zero state tensors, no chunk applied, an empty decoder. */
    public SessionState newState() {
        return new SessionState(manifest.version(), layout, decoder.newState());
    }

    /** Bytes {@link #encode} produces for {@code state}. */
    public int encodedSize(SessionState state) {
        return HEADER_BYTES + state.decoder().serializedSize() + layout.storedBytes();
    }

    /**
     * Encodes a state of this model.
     *
     * @throws IllegalArgumentException if the state belongs to another model, or a stream buffer holds
     *                                  a finite value that float16 cannot store (it would come back infinite)
     */
    public byte[] encode(SessionState state) {
        return encode(state, false);
    }

    /**
     * Encodes a state of this model, as {@link #encode}, and rounds its fp16 tensors in place to the
     * stored values: afterwards {@code state} equals what {@link #decode} makes of the bytes.
     *
     * @throws IllegalArgumentException as {@link #encode}; the state may then be partly rounded
     *     (drop it)
     */
    public byte[] encodeAndRound(SessionState state) {
        return encode(state, true);
    }

    private byte[] encode(SessionState state, boolean round) {
        if (!state.modelVersion().equals(manifest.version())) {
            throw new IllegalArgumentException("state of model version " + state.modelVersion()
                    + " given to the codec of version " + manifest.version());
        }
        byte[] bytes = new byte[encodedSize(state)];
        ByteBuffer out = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).put(FORMAT).put(versionBytes);
        out.putLong(state.framesSeen()).putLong(state.lastAppliedSeq());
        out.putShort((short) state.decoder().serializedSize());
        state.decoder().writeTo(out);
        float[] tensors = state.tensors();
        short[] halves = new short[layout.maxElements()];
        for (int t = 0; t < layout.tensorCount(); t++) {
            int from = layout.offset(t);
            int n = layout.elements(t);
            if (layout.spec(t).storage() == StateStorage.FLOAT16) {
                int overflow = Fp16.convert(tensors, from, n, halves, round);
                if (overflow >= 0) {
                    throw new IllegalArgumentException("state tensor " + layout.spec(t).name() + " holds "
                            + tensors[overflow] + ", beyond float16's range (65504); store it as float32 in the manifest");
                }
                out.asShortBuffer().put(halves, 0, n);
                out.position(out.position() + 2 * n);
            } else {
                out.asFloatBuffer().put(tensors, from, n);
                out.position(out.position() + 4 * n);
            }
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("encoded " + out.position() + " of " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** Reads every tensor as stored, from {@code in}'s position to its end. */
    private void readTensors(ByteBuffer in, float[] tensors) {
        short[] halves = new short[layout.maxElements()];
        for (int t = 0; t < layout.tensorCount(); t++) {
            int from = layout.offset(t);
            int n = layout.elements(t);
            if (layout.spec(t).storage() == StateStorage.FLOAT16) {
                in.asShortBuffer().get(halves, 0, n);
                in.position(in.position() + 2 * n);
                for (int i = 0; i < n; i++) {
                    tensors[from + i] = Fp16Conversions.fp16ToFloat(halves[i]);
                }
            } else {
                in.asFloatBuffer().get(tensors, from, n);
                in.position(in.position() + 4 * n);
            }
        }
    }

    /**
     * Decodes stored bytes. A state written by another model version is refused: the result is a
     * fresh state and the reason.
     *
     * @throws CorruptStateException if the bytes are not a session state this codec format wrote
     */
    public StateRestore decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new CorruptStateException("session state too short: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != MAGIC) {
            throw new CorruptStateException("not a SignStream session state (bad magic)");
        }
        byte format = in.get();
        if (format != FORMAT) {
            throw new CorruptStateException("session state format " + format + " is not supported (this runtime reads "
                    + FORMAT + ")");
        }
        byte[] version = new byte[versionBytes.length];
        in.get(version);
        String storedVersion = HexFormat.of().formatHex(version);
        if (!storedVersion.equals(manifest.version())) {
            return StateRestore.fresh(newState(), "state written by model version " + storedVersion
                    + ", this model is " + manifest.version() + ": starting the session fresh");
        }
        SessionState state = newState();
        try {
            long framesSeen = in.getLong();
            long lastSeq = in.getLong();
            if (framesSeen < 0 || lastSeq < SessionState.NO_CHUNK) {
                throw new CorruptStateException("session state counters out of range: frames " + framesSeen
                        + ", last seq " + lastSeq);
            }
            state.restoreCounters(framesSeen, lastSeq);
            int decoderBytes = in.getShort() & 0xFFFF;
            int decoderEnd = in.position() + decoderBytes;
            state.decoder().readFrom(in, manifest.classes());
            if (in.position() != decoderEnd) {
                throw new CorruptStateException("decoder state is " + decoderBytes + " bytes but "
                        + (in.position() - decoderEnd + decoderBytes) + " were read");
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptStateException("session state header unreadable: " + e);
        }
        if (in.remaining() != layout.storedBytes()) {
            throw new CorruptStateException("session state holds " + in.remaining() + " bytes of tensors, model "
                    + manifest.version() + " needs " + layout.storedBytes());
        }
        readTensors(in, state.tensors());
        return StateRestore.restored(state);
    }
}
