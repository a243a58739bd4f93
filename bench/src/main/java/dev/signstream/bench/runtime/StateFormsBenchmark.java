package dev.signstream.bench.runtime;

import com.github.luben.zstd.Zstd;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateCodec;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * What smaller stored forms of a real session's state would do: lz4 and zstd on the stored (fp16)
 * bytes, and int8 stream buffers ({@link Int8Forms}) against the logits. One synthetic session of an
 * unseen signer runs through the model four ways at once: fp32 in memory (the reference), stored and
 * restored in fp16 after every chunk (what the processor does), and in each int8 form.
 *
 * <pre>
 * mvn -B -q -pl bench -am install -DskipTests
 * mvn -B -q -pl bench exec:java -Dexec.mainClass=dev.signstream.bench.runtime.StateFormsBenchmark \
 *     -Dexec.args="models/ksl-synth-small 60"
 * </pre>
 * Arguments: the model folder, the session's length in seconds (default 60).
 */
public final class StateFormsBenchmark {

    /** Chunks at the start whose mostly-zero state would flatter compression. */
    private static final int SKIPPED_CHUNKS = 8;

    private StateFormsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: StateFormsBenchmark MODEL_DIR [SECONDS]");
        }
        Path modelDir = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        try (StreamModel model = StreamModel.load(modelDir, RuntimeOptions.cpu().withIntraOpThreads(1));
             StreamPredictor predictor = model.newPredictor()) {
            run(model, predictor, seconds);
        }
    }

    private static void run(StreamModel model, StreamPredictor predictor, double seconds) {
        ModelManifest m = model.manifest();
        StateCodec codec = model.stateCodec();
        int size = m.width();
        int chunk = m.chunkLength();
        SessionSpec spec = new SessionSpec("forms", SignerIdentity.of(SignerPool.LIVE, 3, 5),
                SessionScript.endless(Sentences.standard()), size, m.fps(), 17, 0);
        SessionState exact = codec.newState();
        SessionState fp16 = codec.newState();
        Map<Int8Forms, SessionState> int8 = new EnumMap<>(Int8Forms.class);
        Map<Int8Forms, double[]> int8Worst = new EnumMap<>(Int8Forms.class);
        for (Int8Forms form : Int8Forms.values()) {
            int8.put(form, codec.newState());
            int8Worst.put(form, new double[2]);
        }
        double fp16Worst = 0;
        int fp16Agree = 0;
        int readings = 0;
        long stored = 0;
        long lz4 = 0;
        long zstd1 = 0;
        long zstd3 = 0;
        long lz4Nanos = 0;
        long zstdNanos = 0;
        long zstd1Nanos = 0;
        int measured = 0;
        LZ4Compressor lz4Compressor = LZ4Factory.fastestInstance().fastCompressor();
        FrameDecoder decoder = model.newFrameDecoder();
        FrameBlock block = model.newFrameBlock(chunk);
        byte[] rgb = new byte[size * size * 3];
        int chunks = (int) (seconds * m.fps() / chunk);
        try (SyntheticSession session = new SyntheticSession(spec)) {
            for (int c = 0; c < chunks; c++) {
                block.clear();
                for (int f = 0; f < chunk; f++) {
                    decoder.appendRgb(rgb, session.next(rgb).captureMicros(), block);
                }
                float[] reference = predictor.step(exact, block);
                double scale = maxAbs(reference);
                fp16 = codec.decode(codec.encode(fp16)).state();
                float[] viaFp16 = predictor.step(fp16, block);
                fp16Worst = Math.max(fp16Worst, maxAbsDiff(reference, viaFp16) / scale);
                fp16Agree += argmax(reference) == argmax(viaFp16) ? 1 : 0;
                for (Int8Forms form : Int8Forms.values()) {
                    SessionState state = int8.get(form);
                    form.roundTrip(state.tensors(), codec.layout());
                    float[] logits = predictor.step(state, block);
                    double[] worst = int8Worst.get(form);
                    worst[0] = Math.max(worst[0], maxAbsDiff(reference, logits) / scale);
                    worst[1] += argmax(reference) == argmax(logits) ? 1 : 0;
                }
                readings++;
                exact.markApplied(c, chunk);
                if (c >= SKIPPED_CHUNKS) {
                    byte[] bytes = codec.encode(exact);
                    stored += bytes.length;
                    long t0 = System.nanoTime();
                    lz4 += lz4Compressor.compress(bytes).length;
                    long t1 = System.nanoTime();
                    zstd3 += Zstd.compress(bytes, 3).length;
                    long t2 = System.nanoTime();
                    zstd1 += Zstd.compress(bytes, 1).length;
                    long t3 = System.nanoTime();
                    lz4Nanos += t1 - t0;
                    zstdNanos += t2 - t1;
                    zstd1Nanos += t3 - t2;
                    measured++;
                }
            }
        }
        print(m, codec, readings, fp16Worst, fp16Agree, int8Worst, measured, stored, lz4, zstd1, zstd3, lz4Nanos,
                zstd1Nanos, zstdNanos);
    }

    private static void print(ModelManifest m, StateCodec codec, int readings, double fp16Worst, int fp16Agree,
                              Map<Int8Forms, double[]> int8Worst, int measured, long stored, long lz4, long zstd1,
                              long zstd3, long lz4Nanos, long zstd1Nanos, long zstdNanos) {
        System.out.printf(Locale.ROOT, "model %s %s (%dx%d), one synthetic session of %d chunks of %d frames "
                + "(%.1f s), load average %.2f%n%n", m.name(), m.version(), m.width(), m.height(), readings,
                m.chunkLength(), readings * m.chunkLength() / m.fps(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| stored form of the stream buffers | bytes per session | worst max abs logit difference "
                + "/ max abs logit (vs fp32) | readings with the same top class |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| fp16 (the processor's) | %,d | %.2e | %d / %d |%n",
                codec.encodedSize(codec.newState()), fp16Worst, fp16Agree, readings);
        for (Int8Forms form : Int8Forms.values()) {
            double[] w = int8Worst.get(form);
            System.out.printf(Locale.ROOT, "| int8, %s | %,d | %.2e | %d / %d |%n",
                    form.name().toLowerCase(Locale.ROOT).replace('_', ' '), form.storedBytes(codec.layout()), w[0],
                    (int) w[1], readings);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Compression of the stored (fp16) state, mean over %d chunks after the first %d:%n%n",
                measured, SKIPPED_CHUNKS);
        System.out.println("| codec | bytes | of stored | compress time per state |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| none | %,.0f | 1.000 | - |%n", (double) stored / measured);
        System.out.printf(Locale.ROOT, "| lz4 (fast) | %,.0f | %.3f | %.0f us |%n", (double) lz4 / measured,
                (double) lz4 / stored, lz4Nanos / 1e3 / measured);
        System.out.printf(Locale.ROOT, "| zstd level 1 | %,.0f | %.3f | %.0f us |%n", (double) zstd1 / measured,
                (double) zstd1 / stored, zstd1Nanos / 1e3 / measured);
        System.out.printf(Locale.ROOT, "| zstd level 3 (Kafka's default) | %,.0f | %.3f | %.0f us |%n",
                (double) zstd3 / measured, (double) zstd3 / stored, zstdNanos / 1e3 / measured);
    }

    private static double maxAbs(float[] v) {
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
