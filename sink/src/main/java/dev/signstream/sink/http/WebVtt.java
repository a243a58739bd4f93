package dev.signstream.sink.http;

import dev.signstream.sink.view.CaptionLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * WebVTT of final sentences (W3C WebVTT: a {@code WEBVTT} header, then cues of an identifier, a
 * {@code hh:mm:ss.ttt --> hh:mm:ss.ttt} timing line and the text, separated by blank lines).
 *
 * <p>Cue times are relative to an origin (by default the start of the session's first known
 * sentence). A cue stays up at least {@link #MIN_DISPLAY_US} so a one-sign sentence can be read,
 * but not past the next cue's start. Cues are in start order; text is escaped ({@code & < >}) and
 * kept on one line.
 */
public final class WebVtt {

    /** Shortest time a cue is shown, in microseconds. */
    public static final long MIN_DISPLAY_US = 1_500_000;

    private WebVtt() {
    }

    /** The default origin: the earliest start among the lines, or 0 when there are none. */
    public static long defaultOrigin(List<CaptionLine> finals) {
        return finals.stream().mapToLong(CaptionLine::startTimeUs).min().orElse(0);
    }

    /**
     * Renders the file.
     *
     * @param finals final sentences of one session
     * @param originUs the capture time (epoch micros) that is 00:00:00.000; cues wholly before it
     *     are left out, a cue that straddles it starts at 0
     */
    public static String render(List<CaptionLine> finals, long originUs) {
        List<CaptionLine> cues = new ArrayList<>(finals);
        cues.sort(Comparator.comparingLong(CaptionLine::startTimeUs).thenComparingInt(CaptionLine::sentenceIndex));
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < cues.size(); i++) {
            CaptionLine cue = cues.get(i);
            long start = cue.startTimeUs();
            long end = Math.max(cue.endTimeUs(), start + MIN_DISPLAY_US);
            if (i + 1 < cues.size() && cues.get(i + 1).startTimeUs() > start) {
                end = Math.min(end, cues.get(i + 1).startTimeUs());
            }
            if (end <= originUs) {
                continue;
            }
            start = Math.max(start, originUs);
            vtt.append(cue.sentenceIndex()).append('\n')
                    .append(timestamp(start - originUs)).append(" --> ").append(timestamp(end - originUs)).append('\n')
                    .append(escape(cue.text())).append("\n\n");
        }
        return vtt.toString();
    }

    /** {@code hh:mm:ss.ttt}, hours growing past two digits when needed. */
    static String timestamp(long micros) {
        long millis = micros / 1000;
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", hours, minutes, seconds, millis % 1000);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    }
}
