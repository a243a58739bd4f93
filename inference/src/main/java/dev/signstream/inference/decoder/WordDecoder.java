package dev.signstream.inference.decoder;

import dev.signstream.inference.model.ModelManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one session's readings (the logits after each chunk's last frame) into words. The model is
 * trained to name a sign on the frames right after the sign is complete, to answer the idle class at
 * rest and a {@code <signing>} class while a sign is being made (docs/model-contract.md), so the rule
 * is a peak picker, the same as training's ({@code evaluate.py}, {@code decode_readings}):
 *
 * <ul>
 *   <li>a reading is <em>confident</em> for sign c when c is the most probable class other than the
 *       idle and signing classes and its probability is at least {@code min_confidence};
 *   <li>a confident reading emits c unless the previous reading was confident for c as well: a run
 *       of readings for one sign is one word, and two different signs in a row (a direct hand-over)
 *       are two words;
 *   <li>the model state is never reset: the model's memory is bounded, so the decoder keeps only the
 *       previous reading's class and where the current sign began.
 * </ul>
 *
 * <p>A word's first-frame time is the first frame of the first chunk, since the previous word or the
 * last rest, in which the most probable class was not idle (the sign's onset at chunk resolution);
 * its last-frame time is the last frame of the deciding chunk. Times come from the chunks' capture
 * times only, never the wall clock: a replay at any speed gives the same words. Stateless itself
 * (each session's memory is a {@link DecoderState}), so one decoder serves every thread.
 */
public final class WordDecoder {

    private final List<String> labels;
    private final int idle;
    private final int signing;
    private final DecoderConfig config;

    /**
     * @param signingIndex class id of the {@code <signing>} class, or -1 when the model has none
     */
    public WordDecoder(List<String> labels, int idleIndex, int signingIndex, DecoderConfig config) {
        if (idleIndex < 0 || idleIndex >= labels.size()) {
            throw new IllegalArgumentException("idle index " + idleIndex + " outside " + labels.size() + " labels");
        }
        if (signingIndex < -1 || signingIndex >= labels.size() || signingIndex == idleIndex) {
            throw new IllegalArgumentException("signing index " + signingIndex + " is not a class other than idle");
        }
        if (labels.size() - (signingIndex < 0 ? 1 : 2) < 1) {
            throw new IllegalArgumentException("the labels hold no sign besides the idle and signing classes");
        }
        this.labels = List.copyOf(labels);
        this.idle = idleIndex;
        this.signing = signingIndex;
        this.config = config;
    }

    /** A decoder with the manifest's settings (absent keys take the defaults). */
    public static WordDecoder forModel(ModelManifest manifest) {
        return forModel(manifest, Map.of());
    }

    /** A decoder with the manifest's settings, overridden key by key by {@code overrides}. */
    public static WordDecoder forModel(ModelManifest manifest, Map<String, ? extends Number> overrides) {
        Map<String, Number> settings = new HashMap<>(manifest.decoderSettings());
        settings.putAll(overrides);
        return new WordDecoder(manifest.labels(), manifest.idleIndex(), manifest.signingIndex(),
                DecoderConfig.fromSettings(settings));
    }

    public DecoderConfig config() {
        return config;
    }

    public DecoderState newState() {
        return new DecoderState();
    }

    /**
     * Feeds the logits after one chunk.
     *
     * @param state        the session's decoder state, updated in place
     * @param logits       the model's logits for the chunk's last frame
     * @param firstFrameUs capture time of the chunk's first frame
     * @param lastFrameUs  capture time of the chunk's last frame
     * @param seq          the chunk's seq
     * @param gapBefore    chunks missing right before this one (0 normally)
     * @return the word this reading emitted, if any
     */
    public Optional<DecodedWord> accept(DecoderState state, float[] logits, long firstFrameUs, long lastFrameUs,
            long seq, int gapBefore) {
        if (logits.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " logits, got " + logits.length);
        }
        float[] p = softmax(logits);
        if (argmax(p) == idle) {
            state.clearOnset();
        } else if (state.onsetTimeUs == DecoderState.NONE) {
            state.onsetTimeUs = firstFrameUs;
            state.onsetSeq = seq;
        } else {
            state.gapChunks += gapBefore;
        }
        int best = bestSign(p);
        if (p[best] < config.minConfidence()) {
            state.previous = -1;
            return Optional.empty();
        }
        boolean sameRun = best == state.previous;
        state.previous = best;
        if (sameRun) {
            return Optional.empty();
        }
        long onset = state.onsetTimeUs == DecoderState.NONE ? firstFrameUs : state.onsetTimeUs;
        long onsetSeq = state.onsetSeq == DecoderState.NONE ? seq : state.onsetSeq;
        DecodedWord word = new DecodedWord(state.wordsEmitted, best, labels.get(best), p[best], topK(p), onset,
                lastFrameUs, onsetSeq, seq, state.gapChunks);
        state.wordsEmitted++;
        // The next sign's onset is the next chunk that is not at rest (after a hand-over: the next one).
        state.clearOnset();
        return Optional.of(word);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    private int bestSign(float[] p) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            if (c != idle && c != signing && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return best;
    }

    /** The {@code min(top_k, classes)} most probable classes, best first. */
    private List<Alternative> topK(float[] p) {
        int k = Math.min(config.topK(), p.length);
        boolean[] taken = new boolean[p.length];
        List<Alternative> out = new ArrayList<>(k);
        for (int slot = 0; slot < k; slot++) {
            int best = -1;
            for (int c = 0; c < p.length; c++) {
                if (!taken[c] && (best < 0 || p[c] > p[best])) {
                    best = c;
                }
            }
            taken[best] = true;
            out.add(new Alternative(best, labels.get(best), p[best]));
        }
        return out;
    }

    /** The softmax of a reading's logits, as the decoder sees them. */
    public static float[] probabilities(float[] logits) {
        return softmax(logits);
    }

    /** Softmax in float, max-shifted for stability. */
    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("logits hold NaN");
            }
            max = Math.max(max, v);
        }
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }
}
