package dev.signstream.inference.decoder;

import dev.signstream.inference.model.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one session's per-chunk logits into words with the rule of {@link DecoderConfig}. Stateless
 * itself (each session's memory is a {@link DecoderState}), so one decoder serves every thread.
 * Times come from the chunks' frame capture times only, never the wall clock: a replay at any
 * speed gives the same words.
 */
public final class WordDecoder {

    private final List<String> labels;
    private final int idle;
    private final DecoderConfig config;

    public WordDecoder(List<String> labels, int idleIndex, DecoderConfig config) {
        if (idleIndex < 0 || idleIndex >= labels.size()) {
            throw new IllegalArgumentException("idle index " + idleIndex + " outside " + labels.size() + " labels");
        }
        this.labels = List.copyOf(labels);
        this.idle = idleIndex;
        this.config = config;
    }

    /** A decoder with the manifest's thresholds (absent keys take the defaults). */
    public static WordDecoder forModel(ModelManifest manifest) {
        return forModel(manifest, Map.of());
    }

    /** A decoder with the manifest's thresholds, overridden key by key by {@code overrides}. */
    public static WordDecoder forModel(ModelManifest manifest, Map<String, ? extends Number> overrides) {
        Map<String, Number> settings = new java.util.HashMap<>(manifest.decoderSettings());
        settings.putAll(overrides);
        return new WordDecoder(manifest.labels(), manifest.idleIndex(), DecoderConfig.fromSettings(settings));
    }

    public DecoderConfig config() {
        return config;
    }

    public DecoderState newState() {
        return new DecoderState(config.topK());
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
     * @return the word this chunk completed, if any, and whether to reset the model state
     */
    public DecoderOutput accept(DecoderState state, float[] logits, long firstFrameUs, long lastFrameUs, long seq,
            int gapBefore) {
        if (logits.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " logits, got " + logits.length);
        }
        float[] p = softmax(logits);
        if (state.segmentStartUs == DecoderState.NONE) {
            state.segmentStartUs = firstFrameUs;
        }
        if (state.onsetTimeUs != DecoderState.NONE) {
            state.gapChunks += gapBefore;
        }
        if (state.onsetTimeUs == DecoderState.NONE && p[idle] < config.idleConfidence()) {
            state.onsetTimeUs = firstFrameUs;
            state.onsetSeq = seq;
        }
        int best = bestSign(p);
        if (p[best] >= config.minConfidence()) {
            state.streak = best == state.candidate ? state.streak + 1 : 1;
            state.candidate = best;
            state.candidateConfidence = p[best];
            state.candidateLastFrameUs = lastFrameUs;
            state.candidateLastSeq = seq;
            state.idleStreak = 0;
            state.topCount = topK(p, state.topLabels, state.topScores);
            if (state.streak >= config.stableChunks()) {
                DecodedWord word = emit(state);
                return new DecoderOutput(Optional.of(word), true);
            }
            return DecoderOutput.NOTHING;
        }
        state.candidate = -1;
        state.streak = 0;
        state.idleStreak = p[idle] >= config.idleConfidence() ? state.idleStreak + 1 : 0;
        if (state.idleStreak >= config.idleResetChunks() || segmentTooLong(state, lastFrameUs)) {
            state.clearSegment();
            return DecoderOutput.RESET;
        }
        return DecoderOutput.NOTHING;
    }

    /**
     * Ends the session: a sign that was confident in the last chunk fed is emitted (training's rule
     * at the end of a stream). The state is left empty.
     */
    public Optional<DecodedWord> flush(DecoderState state) {
        if (state.candidate < 0 || state.streak == 0) {
            state.clearSegment();
            return Optional.empty();
        }
        return Optional.of(emit(state));
    }

    private DecodedWord emit(DecoderState state) {
        List<Alternative> alternatives = new ArrayList<>(state.topCount);
        for (int i = 0; i < state.topCount; i++) {
            alternatives.add(new Alternative(state.topLabels[i], labels.get(state.topLabels[i]), state.topScores[i]));
        }
        long onset = state.onsetTimeUs == DecoderState.NONE ? state.candidateLastFrameUs : state.onsetTimeUs;
        long onsetSeq = state.onsetSeq == DecoderState.NONE ? state.candidateLastSeq : state.onsetSeq;
        DecodedWord word = new DecodedWord(state.wordsEmitted, state.candidate, labels.get(state.candidate),
                state.candidateConfidence, alternatives, onset, state.candidateLastFrameUs, onsetSeq,
                state.candidateLastSeq, state.gapChunks);
        state.wordsEmitted++;
        state.clearSegment();
        return word;
    }

    /** No word and none pending for {@code max_segment_seconds} of capture time since the last reset. */
    private boolean segmentTooLong(DecoderState state, long lastFrameUs) {
        return config.maxSegmentSeconds() > 0
                && lastFrameUs - state.segmentStartUs >= (long) (config.maxSegmentSeconds() * 1_000_000);
    }

    private int bestSign(float[] p) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            if (c != idle && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return best;
    }

    /** Writes the {@code min(k, classes)} most probable classes, best first; returns how many. */
    private static int topK(float[] p, int[] labelsOut, float[] scoresOut) {
        int k = Math.min(labelsOut.length, p.length);
        for (int slot = 0; slot < k; slot++) {
            int best = -1;
            for (int c = 0; c < p.length; c++) {
                if ((best < 0 || p[c] > p[best]) && !taken(labelsOut, slot, c)) {
                    best = c;
                }
            }
            labelsOut[slot] = best;
            scoresOut[slot] = p[best];
        }
        return k;
    }

    private static boolean taken(int[] chosen, int count, int c) {
        for (int i = 0; i < count; i++) {
            if (chosen[i] == c) {
                return true;
            }
        }
        return false;
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
