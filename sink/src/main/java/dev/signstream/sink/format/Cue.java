package dev.signstream.sink.format;

import java.util.List;

/**
 * One caption on screen: at most {@link LayoutRules#MAX_LINES} lines for a time span.
 *
 * @param id the sentence index, with {@code .1}, {@code .2}, ... when a long sentence is shown as
 *     several cues
 * @param sentenceIndex the sentence it shows
 * @param startUs capture time it appears (epoch micros)
 * @param endUs capture time it goes (epoch micros), after {@code startUs}
 * @param signEndUs capture time the sentence's last sign ended (for delay measurements)
 * @param lines its lines, none empty
 */
public record Cue(String id, int sentenceIndex, long startUs, long endUs, long signEndUs, List<String> lines) {

    public Cue {
        lines = List.copyOf(lines);
        if (lines.isEmpty() || endUs <= startUs) {
            throw new IllegalArgumentException("a cue needs text and a positive duration: " + id);
        }
    }

    /** The same cue moved to start at {@code newStartUs}, lasting as long. */
    public Cue shiftedTo(long newStartUs) {
        return new Cue(id, sentenceIndex, newStartUs, newStartUs + (endUs - startUs), signEndUs, lines);
    }

    /** Characters shown, line breaks not counted. */
    public int chars() {
        return lines.stream().mapToInt(l -> l.codePointCount(0, l.length())).sum();
    }
}
