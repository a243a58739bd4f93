package dev.signstream.synth.perform;

import dev.signstream.synth.sign.HandTrack;
import dev.signstream.synth.sign.SignDefinition;

/**
 * One sign as performed at a place in a timeline, from the moment the hands leave rest (or the
 * previous sign) to the moment they are back at rest (or hand over to the next sign).
 *
 * @param sign           what is signed
 * @param start          seconds on the timeline, inclusive
 * @param end            seconds on the timeline, exclusive
 * @param dominant       dominant hand over {@code [0, end - start]}
 * @param nondominant    non-dominant hand over the same local time
 * @param wordIndex      index of this sign among all signs of the timeline (0, 1, 2, ...)
 * @param sentenceId     id of the sentence it belongs to, or null for an isolated sign
 * @param sentenceIndex  index of that sentence in the timeline (0, 1, ...), or -1
 */
public record PlacedSign(SignDefinition sign, double start, double end, HandTrack dominant, HandTrack nondominant,
                         long wordIndex, String sentenceId, int sentenceIndex) {

    public PlacedSign {
        if (!(end > start)) {
            throw new IllegalArgumentException("a placed sign must end after it starts: " + start + " .. " + end);
        }
    }

    public boolean covers(double time) {
        return time >= start && time < end;
    }

    public double duration() {
        return end - start;
    }

    /** First frame index whose time {@code firstFrameTime + i / fps} is at or after {@code start}. */
    public long startFrame(double fps) {
        return FrameClock.firstFrameAtOrAfter(start, fps);
    }

    /** First frame index at or after {@code end}: the range is {@code [startFrame, endFrame)}. */
    public long endFrame(double fps) {
        return FrameClock.firstFrameAtOrAfter(end, fps);
    }
}
