package dev.signstream.sink.format;

import java.util.List;

/**
 * WebVTT (W3C): a {@code WEBVTT} header, then cues of an identifier, a {@code hh:mm:ss.mmm -->
 * hh:mm:ss.mmm} timing line and one or two text lines, separated by blank lines. Text is escaped
 * ({@code & < >}).
 */
public final class WebVtt {

    private WebVtt() {
    }

    /** The default origin of a file: the earliest cue start, or 0 when there are none. */
    public static long defaultOrigin(List<Cue> cues) {
        return cues.stream().mapToLong(Cue::startUs).min().orElse(0);
    }

    /**
     * A whole file.
     *
     * @param cues the session's cues ({@link CueLayout#session})
     * @param originUs the capture time (epoch micros) that is 00:00:00.000; cues that ended before
     *     it are left out, one that straddles it starts at 0
     */
    public static String render(List<Cue> cues, long originUs) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : CueLayout.from(cues, originUs)) {
            appendCue(vtt, cue, originUs);
        }
        return vtt.toString();
    }

    /** Appends one cue block (identifier, timing relative to {@code originUs}, lines, blank line). */
    public static void appendCue(StringBuilder vtt, Cue cue, long originUs) {
        vtt.append(cue.id()).append('\n')
                .append(Timecodes.dotted(cue.startUs() - originUs)).append(" --> ")
                .append(Timecodes.dotted(cue.endUs() - originUs)).append('\n');
        for (String line : cue.lines()) {
            vtt.append(escape(line)).append('\n');
        }
        vtt.append('\n');
    }

    /** {@code hh:mm:ss.mmm} of a time in microseconds. */
    public static String timestamp(long micros) {
        return Timecodes.dotted(micros);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
