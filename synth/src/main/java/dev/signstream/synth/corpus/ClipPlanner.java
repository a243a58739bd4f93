package dev.signstream.synth.corpus;

import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.IdleMotion;
import dev.signstream.synth.perform.Performer;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.Seeds;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides every clip of a split from the spec alone: which signer, which scene, which timeline.
 * Each clip's randomness comes from a seed derived from (base seed, split, kind, class, index),
 * so a clip does not change when other counts change, and plans can be made in any order.
 */
public final class ClipPlanner {

    /** Folder of idle clips inside a split: the idle label itself. */
    public static final String IDLE_FOLDER = Vocabulary.IDLE;
    /** Folder of sentence clips inside a split. */
    public static final String SENTENCE_FOLDER = "_sentences";
    /** Folder of random sign sequences inside a split. */
    public static final String SEQUENCE_FOLDER = "_sequences";
    /** Fewest and most signs of a random sequence. */
    public static final int SEQUENCE_MIN_SIGNS = 2;
    public static final int SEQUENCE_MAX_SIGNS = 8;
    /** Length of idle clips, seconds. */
    public static final double IDLE_MIN_SECONDS = 1.2;
    public static final double IDLE_MAX_SECONDS = 2.8;

    private static final long SIGN = 1;
    private static final long IDLE = 2;
    private static final long SENTENCE = 3;
    private static final long SEQUENCE = 4;

    private final Vocabulary vocabulary;
    private final Sentences sentences;
    private final Map<SignerIdentity, SignerProfile> profiles = new HashMap<>();

    public ClipPlanner(Vocabulary vocabulary, Sentences sentences) {
        this.vocabulary = vocabulary;
        this.sentences = sentences;
    }

    /** All clips of the spec's split: signs in label order, then idle clips, then sentences, then sequences. */
    public List<ClipPlan> plan(CorpusSpec spec) {
        List<ClipPlan> plans = new ArrayList<>();
        for (SignDefinition sign : vocabulary.signs()) {
            for (int k = 0; k < spec.perSign(); k++) {
                plans.add(signClip(spec, sign, k));
            }
        }
        for (int k = 0; k < spec.idleClips(); k++) {
            plans.add(idleClip(spec, k));
        }
        for (int k = 0; k < spec.sentences(); k++) {
            plans.add(sentenceClip(spec, k));
        }
        for (int k = 0; k < spec.sequences(); k++) {
            plans.add(sequenceClip(spec, k));
        }
        return plans;
    }

    /** The {@code k}-th isolated clip of {@code sign}. */
    public ClipPlan signClip(CorpusSpec spec, SignDefinition sign, int k) {
        int signerIndex = ((sign.label() - 1) * spec.perSign() + k) % spec.signers();
        long seed = Seeds.derive(spec.seed(), spec.split().ordinal(), SIGN, sign.label(), k);
        Staging staging = stage(spec, signerIndex, seed);
        Choreographer.Clip clip = staging.choreographer.isolatedSign(sign);
        String file = String.format(Locale.ROOT, "%s/%s/%s-%s-%03d.mp4", spec.split().key(), sign.gloss(),
                staging.signer.identity().id(), sign.gloss(), k);
        return new ClipPlan(file, spec.split(), ClipKind.SIGN, List.of(sign.gloss()), null, sign.gloss(),
                staging.signer, staging.scene, clip, spec.size(), spec.fps());
    }

    /** The {@code k}-th idle clip. */
    public ClipPlan idleClip(CorpusSpec spec, int k) {
        int signerIndex = (k * 7 + 3) % spec.signers();
        long seed = Seeds.derive(spec.seed(), spec.split().ordinal(), IDLE, 0, k);
        Staging staging = stage(spec, signerIndex, seed);
        Choreographer.Clip clip = staging.choreographer.idle(IDLE_MIN_SECONDS, IDLE_MAX_SECONDS);
        String file = String.format(Locale.ROOT, "%s/%s/%s-idle-%03d.mp4", spec.split().key(), IDLE_FOLDER,
                staging.signer.identity().id(), k);
        return new ClipPlan(file, spec.split(), ClipKind.IDLE, List.of(Vocabulary.IDLE), null, "",
                staging.signer, staging.scene, clip, spec.size(), spec.fps());
    }

    /** The {@code k}-th sentence clip (sentence {@code k mod count}). */
    public ClipPlan sentenceClip(CorpusSpec spec, int k) {
        Sentence sentence = sentences.all().get(k % sentences.size());
        int signerIndex = (k * 5 + 1) % spec.signers();
        long seed = Seeds.derive(spec.seed(), spec.split().ordinal(), SENTENCE, 0, k);
        Staging staging = stage(spec, signerIndex, seed);
        Choreographer.Clip clip = staging.choreographer.sentence(sentence, vocabulary);
        String file = String.format(Locale.ROOT, "%s/%s/%s-%s-%03d.mp4", spec.split().key(), SENTENCE_FOLDER,
                staging.signer.identity().id(), sentence.id(), k);
        return new ClipPlan(file, spec.split(), ClipKind.SENTENCE, sentence.glosses(), sentence.id(), sentence.text(),
                staging.signer, staging.scene, clip, spec.size(), spec.fps());
    }

    /**
     * The {@code k}-th random sequence: {@value #SEQUENCE_MIN_SIGNS}-{@value #SEQUENCE_MAX_SIGNS} signs drawn
     * uniformly from the whole vocabulary, never the same sign twice in a row, so that a model learns
     * signs rather than the sentences' word orders.
     */
    public ClipPlan sequenceClip(CorpusSpec spec, int k) {
        int signerIndex = (k * 11 + 2) % spec.signers();
        long seed = Seeds.derive(spec.seed(), spec.split().ordinal(), SEQUENCE, 0, k);
        List<String> glosses = randomGlosses(new SplittableRandom(Seeds.derive(seed, 5)));
        String id = String.format(Locale.ROOT, "q%04d", k);
        Staging staging = stage(spec, signerIndex, seed);
        Choreographer.Clip clip = staging.choreographer.sequence(glosses, id, vocabulary);
        String file = String.format(Locale.ROOT, "%s/%s/%s-%s.mp4", spec.split().key(), SEQUENCE_FOLDER,
                staging.signer.identity().id(), id);
        return new ClipPlan(file, spec.split(), ClipKind.SEQUENCE, glosses, null, String.join(" ", glosses),
                staging.signer, staging.scene, clip, spec.size(), spec.fps());
    }

    private List<String> randomGlosses(SplittableRandom rng) {
        List<SignDefinition> signs = vocabulary.signs();
        int count = rng.nextInt(SEQUENCE_MIN_SIGNS, SEQUENCE_MAX_SIGNS + 1);
        List<String> glosses = new ArrayList<>(count);
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int pick = rng.nextInt(signs.size() - (previous < 0 ? 0 : 1));
            if (previous >= 0 && pick >= previous) {
                pick++;
            }
            glosses.add(signs.get(pick).gloss());
            previous = pick;
        }
        return glosses;
    }

    private record Staging(SignerProfile signer, SceneVariation scene, Choreographer choreographer) {
    }

    private Staging stage(CorpusSpec spec, int signerIndex, long clipSeed) {
        SignerProfile signer = profiles.computeIfAbsent(SignerIdentity.of(spec.split(), signerIndex, spec.seed()),
                SignerProfile::of);
        SceneVariation scene = SceneVariation.of(signer, Seeds.derive(clipSeed, 1));
        Performer performer = new Performer(signer, scene.speed(), Seeds.derive(clipSeed, 2));
        IdleMotion idle = new IdleMotion(Seeds.derive(clipSeed, 3));
        return new Staging(signer, scene, new Choreographer(performer, idle, Seeds.derive(clipSeed, 4)));
    }
}
