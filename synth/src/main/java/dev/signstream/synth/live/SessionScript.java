package dev.signstream.synth.live;

import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which sentences a session signs: a fixed list (the session ends after the last one) or an
 * endless random walk through a sentence list. Rests of {@link #GAP_MIN_SECONDS} to
 * {@link #GAP_MAX_SECONDS} separate sentences.
 */
public final class SessionScript {

    public static final double GAP_MIN_SECONDS = 0.8;
    public static final double GAP_MAX_SECONDS = 2.5;

    private final List<Sentence> fixed;
    private final Sentences pool;

    private SessionScript(List<Sentence> fixed, Sentences pool) {
        this.fixed = fixed;
        this.pool = pool;
    }

    /** These sentences in this order, then the session ends. */
    public static SessionScript of(List<Sentence> sentences) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("a finite script needs at least one sentence");
        }
        return new SessionScript(List.copyOf(sentences), null);
    }

    /** Sentences drawn at random from {@code sentences}, forever. */
    public static SessionScript endless(Sentences sentences) {
        return new SessionScript(null, sentences);
    }

    public boolean finite() {
        return fixed != null;
    }

    /** Number of sentences of a finite script; -1 for an endless one. */
    public int length() {
        return fixed == null ? -1 : fixed.size();
    }

    /** The {@code index}-th sentence, or null after the end of a finite script. */
    Sentence sentence(int index, SplittableRandom rng) {
        if (fixed != null) {
            return index < fixed.size() ? fixed.get(index) : null;
        }
        return pool.all().get(rng.nextInt(pool.size()));
    }
}
