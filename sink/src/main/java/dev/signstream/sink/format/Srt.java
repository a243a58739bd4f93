package dev.signstream.sink.format;

import java.util.List;

/**
 * SubRip (SRT), as broadcast and editing tools import it: numbered cues from 1, a
 * {@code hh:mm:ss,mmm --> hh:mm:ss,mmm} timing line, one or two text lines, a blank line; CRLF line
 * ends, UTF-8 without a byte-order mark. SubRip has no escaping; line breaks inside a text never
 * reach it (the layout makes the lines).
 */
public final class Srt {

    private static final String EOL = "\r\n";

    private Srt() {
    }

    /**
     * A whole file.
     *
     * @param cues the session's cues ({@link CueLayout#session})
     * @param originUs the capture time (epoch micros) that is 00:00:00,000
     */
    public static String render(List<Cue> cues, long originUs) {
        StringBuilder srt = new StringBuilder();
        int number = 1;
        for (Cue cue : CueLayout.from(cues, originUs)) {
            srt.append(number++).append(EOL)
                    .append(Timecodes.comma(cue.startUs() - originUs)).append(" --> ")
                    .append(Timecodes.comma(cue.endUs() - originUs)).append(EOL);
            for (String line : cue.lines()) {
                srt.append(line).append(EOL);
            }
            srt.append(EOL);
        }
        return srt.toString();
    }
}
