package dev.signstream.sink.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.sink.view.CaptionLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebVttTest {

    private static final long T0 = 1_767_225_600_000_000L;
    private static final CueLayout LAYOUT = new CueLayout(LayoutRules.defaults());
    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3})");

    private static CaptionLine line(int index, String text, long startMs, long endMs) {
        return new CaptionLine("s", index, text, List.of(text), null, T0 + startMs * 1000, T0 + endMs * 1000, true, "v1");
    }

    /** A cue as a WebVTT parser reads it (lines joined by \n); fails on anything the syntax does not allow. */
    private record Cue(String id, long startMs, long endMs, String text) {
    }

    private static List<Cue> parse(String vtt) {
        assertThat(vtt).startsWith("WEBVTT\n\n");
        assertThat(vtt).doesNotContain("\r");
        List<Cue> cues = new ArrayList<>();
        String body = vtt.substring("WEBVTT\n\n".length());
        if (body.isEmpty()) {
            return cues;
        }
        assertThat(body).endsWith("\n\n");
        for (String block : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            String[] lines = block.split("\n", -1);
            assertThat(lines.length).as("block %s", block).isGreaterThanOrEqualTo(3);
            assertThat(lines[0]).isNotBlank().doesNotContain("-->");
            Matcher timing = TIMING.matcher(lines[1]);
            assertThat(timing.matches()).as("timing line '%s'", lines[1]).isTrue();
            for (int i = 2; i < lines.length; i++) {
                assertThat(lines[i]).isNotEmpty().doesNotContain("-->");
            }
            cues.add(new Cue(lines[0], millis(timing, 1), millis(timing, 5), String.join("\n", List.of(lines).subList(2, lines.length))));
        }
        long previousStart = -1;
        for (Cue cue : cues) {
            assertThat(cue.endMs()).as("cue %s ends after it starts", cue.id()).isGreaterThan(cue.startMs());
            assertThat(cue.startMs()).as("cue %s starts in order", cue.id()).isGreaterThanOrEqualTo(previousStart);
            previousStart = cue.startMs();
        }
        return cues;
    }

    private static String render(List<CaptionLine> finals) {
        List<dev.signstream.sink.format.Cue> cues = LAYOUT.session(finals);
        return WebVtt.render(cues, WebVtt.defaultOrigin(cues));
    }

    private static long millis(Matcher m, int group) {
        return ((Long.parseLong(m.group(group)) * 60 + Long.parseLong(m.group(group + 1))) * 60
                + Long.parseLong(m.group(group + 2))) * 1000 + Long.parseLong(m.group(group + 3));
    }

    @Test
    void cuesAreRelativeToTheFirstSentenceAndValid() {
        List<CaptionLine> finals = List.of(
                line(0, "안녕하세요, 만나서 반갑습니다.", 2_000, 4_100),
                line(1, "물 좀 주세요.", 7_250, 7_600),
                line(2, "A < B & C > D --> E", 3_723_004, 3_725_000));

        List<Cue> cues = parse(render(finals));

        assertThat(cues).containsExactly(
                // longer than a line (16 characters): two balanced lines
                new Cue("0", 0, 2_100, "안녕하세요,\n만나서 반갑습니다."),
                // short sentence: shown for the minimum 1.5 s
                new Cue("1", 5_250, 6_750, "물 좀 주세요."),
                new Cue("2", 3_721_004, 3_723_000, "A &lt; B &amp; C\n&gt; D --&gt; E"));
    }

    @Test
    void aCueDoesNotOutstayTheNextOneAndOrderFollowsStartTimes() {
        List<CaptionLine> finals = List.of(line(1, "둘", 1_000, 1_200), line(0, "하나", 0, 500));

        List<Cue> cues = parse(render(finals));

        assertThat(cues).extracting(Cue::text).containsExactly("하나", "둘");
        assertThat(cues.get(0).endMs()).isEqualTo(1_000);
        assertThat(cues.get(1).endMs()).isEqualTo(2_500);
    }

    @Test
    void anExplicitOriginShiftsCuesAndLeavesOutWhatEndedBeforeIt() {
        List<CaptionLine> finals = List.of(line(0, "하나", 0, 2_000), line(1, "둘", 5_000, 6_000), line(2, "셋", 9_000, 10_000));

        List<Cue> cues = parse(WebVtt.render(LAYOUT.session(finals), T0 + 5_500_000));

        assertThat(cues).containsExactly(new Cue("1", 0, 1_000, "둘"), new Cue("2", 3_500, 5_000, "셋"));
    }

    @Test
    void multiLineTextStaysOnOneLineAndHoursGrowPastTwoDigits() {
        List<CaptionLine> finals = List.of(line(0, "a\nb\r\nc", 0, 1_000), line(1, "late", 360_000_000L + 1, 360_002_000L));

        String vtt = WebVtt.render(LAYOUT.session(finals), T0);

        List<Cue> cues = parse(vtt);
        assertThat(cues.get(0).text()).isEqualTo("a b c");
        assertThat(vtt).contains("100:00:00.001 --> 100:00:02.000");
    }

    @Test
    void noSentencesIsAnEmptyButValidFile() {
        assertThat(render(List.of())).isEqualTo("WEBVTT\n\n");
        assertThat(parse(render(List.of()))).isEmpty();
    }
}
