package dev.signstream.synth.perform;

import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.sign.Keyframe;
import dev.signstream.synth.sign.RestPose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays out clips and sessions: rest before and after each isolated sign, idle stretches, and
 * sentences whose signs are separated either by a short rest or by a direct hand-over in which the
 * hands only drop part-way (then the two signs' ranges meet). Not thread-safe.
 */
public final class Choreographer {

    /** Rest before and after the signing of a clip, seconds. */
    public static final double LEAD_MIN = 0.3;
    public static final double LEAD_MAX = 0.8;
    /** Rest between two signs of a sentence, seconds. */
    public static final double GAP_MIN = 0.1;
    public static final double GAP_MAX = 0.45;
    /** Share of sign-to-sign transitions in sentences that skip the rest. */
    public static final double HAND_OVER_SHARE = 0.35;

    private final Performer performer;
    private final SplittableRandom rng;
    private final IdleMotion idle;

    public Choreographer(Performer performer, IdleMotion idle, long seed) {
        this.performer = performer;
        this.idle = idle;
        this.rng = new SplittableRandom(seed);
    }

    /** A clip's plan: its timeline and how long the clip runs. */
    public record Clip(Timeline timeline, double seconds) {

        /** Frames the clip has at {@code fps}: every frame time {@code i / fps} below {@code seconds}. */
        public int frames(double fps) {
            return (int) FrameClock.firstFrameAtOrAfter(seconds, fps);
        }
    }

    private double lead() {
        return LEAD_MIN + rng.nextDouble() * (LEAD_MAX - LEAD_MIN);
    }

    /** Rest, one sign, rest. */
    public Clip isolatedSign(SignDefinition sign) {
        Timeline timeline = new Timeline(idle);
        PlacedSign placed = performer.place(performer.core(sign), lead(),
                RestPose.DOMINANT, RestPose.NONDOMINANT, RestPose.DOMINANT, RestPose.NONDOMINANT, 0, null, -1);
        timeline.append(placed);
        return new Clip(timeline, placed.end() + lead());
    }

    /** Hands at rest (with idle drift) for a random length between the bounds. */
    public Clip idle(double minSeconds, double maxSeconds) {
        if (!(minSeconds > 0 && maxSeconds >= minSeconds)) {
            throw new IllegalArgumentException("idle length bounds must satisfy 0 < min <= max, got " + minSeconds + ", " + maxSeconds);
        }
        return new Clip(new Timeline(idle), minSeconds + rng.nextDouble() * (maxSeconds - minSeconds));
    }

    /** Rest, the sentence's signs with rests or hand-overs between them, rest. */
    public Clip sentence(Sentence sentence, Vocabulary vocabulary) {
        Timeline timeline = new Timeline(idle);
        double end = appendSentence(timeline, sentence, vocabulary, lead(), 0, 0);
        return new Clip(timeline, end + lead());
    }

    /**
     * Rest, any gloss sequence (e.g. random signs drawn from the whole vocabulary) performed like a
     * sentence, rest. {@code id} names the sequence in the placed signs.
     */
    public Clip sequence(List<String> glosses, String id, Vocabulary vocabulary) {
        if (glosses.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one gloss");
        }
        Timeline timeline = new Timeline(idle);
        double end = appendSigns(timeline, glosses, id, vocabulary, lead(), 0, 0);
        return new Clip(timeline, end + lead());
    }

    /**
     * Appends a sentence's signs to {@code timeline} from {@code start} seconds and returns the time
     * its last sign ends (hands back at rest).
     */
    public double appendSentence(Timeline timeline, Sentence sentence, Vocabulary vocabulary, double start,
                                 long firstWordIndex, int sentenceIndex) {
        return appendSigns(timeline, sentence.glosses(), sentence.id(), vocabulary, start, firstWordIndex, sentenceIndex);
    }

    private double appendSigns(Timeline timeline, List<String> glosses, String id, Vocabulary vocabulary, double start,
                               long firstWordIndex, int sentenceIndex) {
        List<Performer.Core> cores = new ArrayList<>();
        for (String gloss : glosses) {
            cores.add(performer.core(vocabulary.sign(gloss)));
        }
        Keyframe fromD = RestPose.DOMINANT;
        Keyframe fromN = RestPose.NONDOMINANT;
        double time = start;
        for (int i = 0; i < cores.size(); i++) {
            Performer.Core core = cores.get(i);
            boolean handOver = i + 1 < cores.size() && rng.nextDouble() < HAND_OVER_SHARE;
            Keyframe toD = RestPose.DOMINANT;
            Keyframe toN = RestPose.NONDOMINANT;
            if (handOver) {
                Performer.Core next = cores.get(i + 1);
                toD = Performer.handOver(core.dominant().get(core.dominant().size() - 1), next.dominant().get(0), RestPose.DOMINANT);
                toN = Performer.handOver(core.nondominant().get(core.nondominant().size() - 1), next.nondominant().get(0), RestPose.NONDOMINANT);
            }
            PlacedSign placed = performer.place(core, time, fromD, fromN, toD, toN,
                    firstWordIndex + i, id, sentenceIndex);
            timeline.append(placed);
            time = placed.end();
            if (handOver) {
                fromD = toD;
                fromN = toN;
            } else {
                fromD = RestPose.DOMINANT;
                fromN = RestPose.NONDOMINANT;
                if (i + 1 < cores.size()) {
                    time += GAP_MIN + rng.nextDouble() * (GAP_MAX - GAP_MIN);
                }
            }
        }
        return time;
    }
}
