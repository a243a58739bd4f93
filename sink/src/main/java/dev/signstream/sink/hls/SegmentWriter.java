package dev.signstream.sink.hls;

import dev.signstream.sink.format.Cue;
import dev.signstream.sink.format.WebVtt;
import java.util.List;

/**
 * The WebVTT text of one segment: the header, an {@code X-TIMESTAMP-MAP} that ties the segment's
 * local cue times to the programme's MPEG-TS clock, and the cues.
 *
 * <p>Local cue times count from the start of the session's first segment, so a cue repeated in
 * several segments (it spans them) has the same times in each and players show it once. Each
 * segment maps its own start: {@code LOCAL} = the window start in local time, {@code MPEGTS} = the
 * programme timestamp of that instant (90 kHz, modulo 2^33), which keeps the mapping exact across
 * MPEG-TS wrap-arounds.
 */
final class SegmentWriter {

    private SegmentWriter() {
    }

    /**
     * @param windowStartUs capture time the segment starts
     * @param localOriginUs capture time that is local 00:00:00.000 (the session's first window start)
     * @param timeline capture time to programme time
     * @param cues the cues to show, any order
     */
    static String render(long windowStartUs, long localOriginUs, Timeline timeline, List<Cue> cues) {
        StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:")
                .append(Timeline.mpegTs(timeline.programmeUs(windowStartUs)))
                .append(",LOCAL:").append(WebVtt.timestamp(windowStartUs - localOriginUs)).append("\n\n");
        cues.stream()
                .sorted(java.util.Comparator.comparingLong(Cue::startUs).thenComparing(Cue::id))
                .forEach(cue -> WebVtt.appendCue(vtt, cue, localOriginUs));
        return vtt.toString();
    }
}
