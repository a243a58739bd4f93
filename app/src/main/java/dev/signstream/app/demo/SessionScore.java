package dev.signstream.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one session signed (from the producer's ground-truth headers) and what SignStream heard (its
 * word events). Signs cut off by the end of the session are not counted: nobody could recognise
 * half a sign.
 */
final class SessionScore {

    /** Signed words by their index in the session: gloss, first frame and the capture time after its last frame. */
    private final TreeMap<Integer, SignedWord> signed = new TreeMap<>();
    private final List<String> heard = new ArrayList<>();
    private long lastCaptureUs;
    private boolean ended;

    private record SignedWord(String gloss, long startUs, long endUs) {
    }

    void signed(int wordIndex, String gloss, long startUs, long endUs) {
        signed.putIfAbsent(wordIndex, new SignedWord(gloss, startUs, endUs));
    }

    /**
     * The end (capture time after its last frame) of the sign a word decided at {@code decisionUs}
     * belongs to: the last sign that had started by then. Empty when none had.
     */
    OptionalLong signEndFor(long decisionUs) {
        SignedWord found = null;
        for (SignedWord word : signed.values()) {
            if (word.startUs() <= decisionUs && (found == null || word.startUs() > found.startUs())) {
                found = word;
            }
        }
        return found == null ? OptionalLong.empty() : OptionalLong.of(found.endUs());
    }

    void captured(long captureUs) {
        lastCaptureUs = Math.max(lastCaptureUs, captureUs);
    }

    void heard(String gloss) {
        heard.add(gloss);
    }

    void ended() {
        ended = true;
    }

    boolean hasEnded() {
        return ended;
    }

    /** Glosses of the signs completed before the session's last frame, in order. */
    List<String> reference() {
        List<String> words = new ArrayList<>();
        for (SignedWord word : signed.values()) {
            if (word.endUs() <= lastCaptureUs + 1) {
                words.add(word.gloss());
            }
        }
        return words;
    }

    List<String> hypothesis() {
        return List.copyOf(heard);
    }
}
