package dev.signstream.synth.sign;

import java.util.List;

/**
 * One sign of the vocabulary: the core movement of each hand, without the way there from rest and
 * back (a performance adds those, see {@code perform}).
 *
 * @param gloss        the KSL gloss, e.g. {@code 병원}
 * @param label        class id in {@code labels.json} (0 is idle, so signs start at 1)
 * @param family       signs of one family share place, hand shape and start pose; they differ
 *                     only in path, direction or repetition
 * @param description  what the hands do, in words (for the docs and the contact sheet)
 * @param dominant     core keyframes of the dominant hand, times from 0
 * @param nondominant  core keyframes of the non-dominant hand, same time base; empty when that
 *                     hand stays at rest
 */
public record SignDefinition(String gloss, int label, String family, String description,
                             List<Keyframe> dominant, List<Keyframe> nondominant) {

    public SignDefinition {
        if (gloss == null || gloss.isBlank()) {
            throw new IllegalArgumentException("a sign needs a gloss");
        }
        if (label < 1) {
            throw new IllegalArgumentException("sign labels start at 1 (0 is idle), got " + label + " for " + gloss);
        }
        dominant = List.copyOf(dominant);
        nondominant = List.copyOf(nondominant);
        if (dominant.size() < 2) {
            throw new IllegalArgumentException("sign " + gloss + " needs at least two dominant keyframes");
        }
        double end = dominant.get(dominant.size() - 1).time();
        if (!nondominant.isEmpty() && Math.abs(nondominant.get(nondominant.size() - 1).time() - end) > 1e-9) {
            throw new IllegalArgumentException("both hands of " + gloss + " must end their core at the same time");
        }
    }

    public boolean twoHanded() {
        return !nondominant.isEmpty();
    }

    /** Length of the core movement in seconds, at nominal speed. */
    public double coreSeconds() {
        return dominant.get(dominant.size() - 1).time();
    }
}
