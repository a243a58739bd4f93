package dev.signstream.sink.format;

import dev.signstream.sink.view.CaptionLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns final sentences into cues by the {@link LayoutRules}: lines of at most the maximum
 * characters, at most two lines a cue (a longer sentence becomes several cues, one after the
 * other), and each cue up at least as long as its characters take to read.
 *
 * <p>A sentence's cues share its signing time in proportion to their characters, each stretched to
 * its reading time where the signing was quicker. Live (one sentence at a time, the HLS rendition)
 * nothing else bounds them; in a file ({@link #session}) a sentence's cues are fitted before the
 * next sentence starts, so cues never overlap.
 */
public final class CueLayout {

    private final LayoutRules rules;

    public CueLayout(LayoutRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rules this layout follows. */
    public LayoutRules rules() {
        return rules;
    }

    /** The cues of one final sentence as shown live; empty for a sentence without text. */
    public List<Cue> sentence(CaptionLine line) {
        List<List<String>> blocks = LineBreaker.blocks(line.text(), rules.maxLineChars());
        int total = 0;
        for (List<String> block : blocks) {
            total += chars(block);
        }
        long span = Math.max(0, line.endTimeUs() - line.startTimeUs());
        List<Cue> cues = new ArrayList<>();
        long at = line.startTimeUs();
        for (int i = 0; i < blocks.size(); i++) {
            int chars = chars(blocks.get(i));
            long duration = Math.max(span * chars / total, rules.displayUs(chars));
            String id = blocks.size() == 1 ? Integer.toString(line.sentenceIndex()) : line.sentenceIndex() + "." + (i + 1);
            cues.add(new Cue(id, line.sentenceIndex(), at, at + duration, line.endTimeUs(), blocks.get(i)));
            at += duration;
        }
        return cues;
    }

    /**
     * The cues of a session's final sentences as a file shows them: in start order, each sentence's
     * cues compressed to end by the next sentence's start when they would run past it.
     */
    public List<Cue> session(List<CaptionLine> finals) {
        List<CaptionLine> sorted = new ArrayList<>(finals);
        sorted.sort(Comparator.comparingLong(CaptionLine::startTimeUs).thenComparingInt(CaptionLine::sentenceIndex));
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            List<Cue> own = sentence(sorted.get(i));
            long start = sorted.get(i).startTimeUs();
            if (i + 1 < sorted.size() && sorted.get(i + 1).startTimeUs() > start && !own.isEmpty()) {
                own = fitBefore(own, start, sorted.get(i + 1).startTimeUs());
            }
            cues.addAll(own);
        }
        return cues;
    }

    /** The cues scaled into [start, bound) when the last one ends after bound. */
    private static List<Cue> fitBefore(List<Cue> cues, long start, long bound) {
        long end = cues.get(cues.size() - 1).endUs();
        if (end <= bound) {
            return cues;
        }
        double factor = (double) (bound - start) / (end - start);
        List<Cue> fitted = new ArrayList<>();
        for (Cue cue : cues) {
            long from = start + Math.round((cue.startUs() - start) * factor);
            long to = Math.max(from + 1000, start + Math.round((cue.endUs() - start) * factor));
            fitted.add(new Cue(cue.id(), cue.sentenceIndex(), from, to, cue.signEndUs(), cue.lines()));
        }
        return fitted;
    }

    /** Cues as seen from {@code originUs}: those that ended by then left out, one that straddles it starting there. */
    public static List<Cue> from(List<Cue> cues, long originUs) {
        List<Cue> visible = new ArrayList<>();
        for (Cue cue : cues) {
            if (cue.endUs() <= originUs) {
                continue;
            }
            visible.add(cue.startUs() >= originUs ? cue
                    : new Cue(cue.id(), cue.sentenceIndex(), originUs, cue.endUs(), cue.signEndUs(), cue.lines()));
        }
        return visible;
    }

    private static int chars(List<String> lines) {
        return lines.stream().mapToInt(l -> l.codePointCount(0, l.length())).sum();
    }
}
