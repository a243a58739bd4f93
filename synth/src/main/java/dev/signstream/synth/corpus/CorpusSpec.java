package dev.signstream.synth.corpus;

import dev.signstream.synth.signer.SignerPool;
import java.nio.file.Path;

/**
 * What to write: one split of a corpus.
 *
 * @param out        corpus root ({@code DIR})
 * @param split      train, val or test (each has its own, disjoint signers)
 * @param perSign    isolated clips per sign
 * @param idleClips  clips of hands at rest
 * @param sentences  sentence clips (cycling through the sentence list)
 * @param sequences  random sign sequences: 2-8 signs drawn from the whole vocabulary, performed like sentences
 * @param signers    distinct signers of this split; clips are spread evenly over them
 * @param seed       base seed: the same spec gives the same bytes
 * @param size       frame edge in pixels (square frames; even)
 * @param fps        frames per second
 * @param threads    clips rendered and encoded in parallel
 * @param overwrite  replace an existing split folder instead of refusing
 */
public record CorpusSpec(Path out, SignerPool split, int perSign, int idleClips, int sentences, int sequences,
                         int signers, long seed, int size, int fps, int threads, boolean overwrite) {

    /** A split without random sequences. */
    public CorpusSpec(Path out, SignerPool split, int perSign, int idleClips, int sentences, int signers,
                      long seed, int size, int fps, int threads, boolean overwrite) {
        this(out, split, perSign, idleClips, sentences, 0, signers, seed, size, fps, threads, overwrite);
    }

    /** Isolated clips per sign. */
    public static final int DEFAULT_PER_SIGN = 100;
    /** Base seed. */
    public static final long DEFAULT_SEED = 1;
    /** Frame edge: the shipped model's input. */
    public static final int DEFAULT_SIZE = 64;
    /** Frames per second: the student project's frame_step 2 at 30 fps. */
    public static final int DEFAULT_FPS = 15;

    public CorpusSpec {
        if (out == null) {
            throw new IllegalArgumentException("an output folder is required");
        }
        if (split == null || split == SignerPool.LIVE) {
            throw new IllegalArgumentException("split must be train, val or test, got " + split);
        }
        if (perSign < 0 || idleClips < 0 || sentences < 0 || sequences < 0) {
            throw new IllegalArgumentException("clip counts must not be negative: per-sign " + perSign
                    + ", idle " + idleClips + ", sentences " + sentences + ", sequences " + sequences);
        }
        if (perSign + idleClips + sentences + sequences == 0) {
            throw new IllegalArgumentException("nothing to write: per-sign, idle, sentences and sequences are all 0");
        }
        if (signers < 1 || signers > SignerPool.CAPACITY) {
            throw new IllegalArgumentException("signers must be 1.." + SignerPool.CAPACITY + ", got " + signers);
        }
        if (size < 48 || size > 1024 || size % 2 != 0) {
            throw new IllegalArgumentException("size must be an even number of pixels in 48..1024, got " + size);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60, got " + fps);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Default signers of the training split: many, so a model meets much variation. */
    public static final int DEFAULT_TRAIN_SIGNERS = 40;
    /** Default signers of the val and test splits: fewer, each unseen in training. */
    public static final int DEFAULT_EVAL_SIGNERS = 12;

    /** Default signer count of a split: many for training, fewer for evaluation. */
    public static int defaultSigners(SignerPool split) {
        return split == SignerPool.TRAIN ? DEFAULT_TRAIN_SIGNERS : DEFAULT_EVAL_SIGNERS;
    }
}
