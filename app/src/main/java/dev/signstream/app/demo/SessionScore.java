package dev.signstream.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What one session signed (from the producer's ground-truth headers) and what SignStream heard (its
 * word events). Signs cut off by the end of the session are not counted: nobody could recognise
 * half a sign.
 */
final class SessionScore {

    /** Signed words by their index in the session: gloss and the capture time after the sign's last frame. */
    private final TreeMap<Integer, SignedWord> signed = new TreeMap<>();
    private final List<String> heard = new ArrayList<>();
    private long lastCaptureUs;
    private boolean ended;

    private record SignedWord(String gloss, long endUs) {
    }

    void signed(int wordIndex, String gloss, long endUs) {
        signed.putIfAbsent(wordIndex, new SignedWord(gloss, endUs));
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
