package dev.signstream.sink.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a caption's text into cues of at most two lines: lines break between words, never inside
 * one unless a word alone is longer than a line; a text that fits on one line stays on one; the two
 * lines of a cue are balanced, the top one no longer than the bottom one when they cannot be equal.
 */
final class LineBreaker {

    private LineBreaker() {
    }

    /**
     * @param text the caption text (any whitespace separates words)
     * @return the cues' lines, in order: each entry one or two lines of at most {@code maxChars}
     */
    static List<List<String>> blocks(String text, int maxChars) {
        List<String> words = words(text, maxChars);
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        for (String word : words) {
            if (!line.isEmpty() && length(line) + 1 + length(word) > maxChars) {
                lines.add(line);
                line = new ArrayList<>();
            }
            line.add(word);
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        List<List<String>> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += LayoutRules.MAX_LINES) {
            List<String> blockWords = new ArrayList<>(lines.get(i));
            if (i + 1 < lines.size()) {
                blockWords.addAll(lines.get(i + 1));
            }
            blocks.add(balance(blockWords, maxChars));
        }
        return blocks;
    }

    /** One line if the words fit; else the most even split into two lines that both fit. */
    private static List<String> balance(List<String> words, int maxChars) {
        if (length(words) <= maxChars) {
            return List.of(String.join(" ", words));
        }
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        for (int split = 1; split < words.size(); split++) {
            int top = length(words.subList(0, split));
            int bottom = length(words.subList(split, words.size()));
            if (top > maxChars || bottom > maxChars) {
                continue;
            }
            // the most even split; between two equally even ones, the shorter top line
            int score = Math.abs(top - bottom) * 2 + (top > bottom ? 1 : 0);
            if (score < bestScore) {
                bestScore = score;
                best = split;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("greedy lines always fit two to a cue: " + words);
        }
        return List.of(String.join(" ", words.subList(0, best)), String.join(" ", words.subList(best, words.size())));
    }

    /** The words, each no longer than a line (longer ones cut into line-sized pieces). */
    private static List<String> words(String text, int maxChars) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int[] points = word.codePoints().toArray();
            for (int from = 0; from < points.length; from += maxChars) {
                words.add(new String(points, from, Math.min(maxChars, points.length - from)));
            }
        }
        return words;
    }

    private static int length(List<String> words) {
        int total = Math.max(0, words.size() - 1);
        for (String word : words) {
            total += length(word);
        }
        return total;
    }

    private static int length(String word) {
        return word.codePointCount(0, word.length());
    }
}
