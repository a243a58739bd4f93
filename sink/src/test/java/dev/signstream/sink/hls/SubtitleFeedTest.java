package dev.signstream.sink.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.view.CaptionLine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which cue goes into which segment, and when a segment is published (no Kafka: lines as the view applies them). */
class SubtitleFeedTest {

    /** 2026-01-01T00:00:00Z, a multiple of 6 s: window boundaries fall on whole 6 s of capture time. */
    private static final long T0_MS = 1_767_225_600_000L;
    private static final String S = "cam-1";
    private static final Pattern CUE = Pattern.compile("(?m)^(\\S+)\\n(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) --> (\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\n");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock();
    private final List<SubtitleFeed.Publication> publications = new ArrayList<>();

    private SubtitleFeed feed(HlsSettings settings) {
        SubtitleFeed feed = new SubtitleFeed(settings, new CueLayout(LayoutRules.defaults()), () -> true, registry, clock, false);
        feed.onPublication(publications::add);
        return feed;
    }

    private static CaptionLine line(int index, String text, long startMs, long endMs, boolean last) {
        return new CaptionLine(S, index, text, List.of(text.split(" ")), null, (T0_MS + startMs) * 1000,
                (T0_MS + endMs) * 1000, last, "v1");
    }

    /**
     * A sentence as the sink emits it and the view reads it at once: a partial at its first word,
     * the final {@code finalAfterMs} after its end.
     */
    private void sentence(SubtitleFeed feed, int index, String text, long startMs, long endMs, long finalAfterMs) {
        read(feed, line(index, text, startMs, endMs, false), startMs + 600);
        read(feed, line(index, text, startMs, endMs, true), endMs + finalAfterMs);
    }

    /** A line emitted at {@code emittedMs} (after T0) and read then. */
    private void read(SubtitleFeed feed, CaptionLine line, long emittedMs) {
        clock.set(T0_MS + emittedMs);
        feed.onLine(line, T0_MS + emittedMs);
    }

    private void at(SubtitleFeed feed, long ms) {
        clock.set(T0_MS + ms);
        feed.tick();
    }

    private static String segment(SubtitleFeed feed, long sequence) {
        return feed.segment(S, sequence).orElseThrow(() -> new AssertionError("segment " + sequence + " not published")).vtt();
    }

    /** "id start-end" of each cue in a segment, local times. */
    private static List<String> cues(String vtt) {
        List<String> cues = new ArrayList<>();
        Matcher m = CUE.matcher(vtt);
        while (m.find()) {
            cues.add(m.group(1) + " " + m.group(2) + "-" + m.group(3));
        }
        return cues;
    }

    private static HlsSettings settings() {
        return HlsSettings.defaults();
    }

    @Test
    void aFinalCutsTheSegmentAtItsSignEndAtOnceAndASpanningCueIsInBothSegments() {
        SubtitleFeed feed = feed(settings());
        // sentence 0 at 1-2.5 s, final 2 s later: out at once, in a segment ending at its sign end
        sentence(feed, 0, "물 좀 주세요.", 1_000, 2_500, 2_000);
        assertThat(cues(segment(feed, 0))).containsExactly("0 00:00:01.000-00:00:02.500");
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXTINF:2.500,\nsubtitles/0.vtt\n");

        // sentence 1 at 4.5-7 s is open across the 6 s grid point: the cut there waits for it
        read(feed, line(1, "안녕하세요", 4_500, 5_100, false), 5_400);
        at(feed, 9_000);
        assertThat(feed.segment(S, 1)).isEmpty();
        // its final at 9.5 s cuts at 7 s: up to the grid point, then past it, the cue in both
        read(feed, line(1, "안녕하세요, 만나서 반갑습니다.", 4_500, 7_000, true), 9_500);
        assertThat(cues(segment(feed, 1))).containsExactly("1 00:00:04.500-00:00:07.000");
        assertThat(cues(segment(feed, 2))).containsExactly("1 00:00:04.500-00:00:07.000");
        assertThat(segment(feed, 2)).startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:" + Timeline.mpegTs((T0_MS + 6_000) * 1000)
                + ",LOCAL:00:00:06.000\n\n");
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXTINF:3.500,\nsubtitles/1.vtt\n",
                "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:06.000Z\n#EXTINF:1.000,\nsubtitles/2.vtt\n");

        // in the quiet after it, the next grid point (12 s) is cut once the clock is 1.5 s past it (+ the 0.3 s settle)
        at(feed, 13_700);
        assertThat(feed.segment(S, 3)).isEmpty();
        at(feed, 13_800);
        assertThat(cues(segment(feed, 3))).isEmpty();
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXTINF:5.000,\nsubtitles/3.vtt\n");
        // each sentence's first publication: sign end -> the segment, on the wall clock
        assertThat(publications).extracting(SubtitleFeed.Publication::delayMs).containsExactly(2_000L, 2_500L);
        assertThat(registry.find("signstream.sink.hls.cues").tag("placement", "late").counter().count()).isZero();
    }

    @Test
    void aSentenceSignedOnAndOnHoldsTheGridCutOneSegmentAndTheHoldAtMostAndKeepsItsStart() {
        SubtitleFeed feed = feed(settings());
        feed.onLine(line(0, "나", 1_000, 1_600, false), T0_MS + 2_000);
        // 6 s + 6 s + 1.5 s (+ 0.3 s settle)
        at(feed, 13_700);
        assertThat(feed.segment(S, 0)).isEmpty();
        at(feed, 13_800);
        assertThat(cues(segment(feed, 0))).isEmpty();
        // the sentence, 1-14 s, final at 16 s: in the segments it still reaches, with its own start
        clock.set(T0_MS + 16_000);
        feed.onLine(line(0, "나 학교 가다 물 주세요 안녕하세요", 1_000, 14_000, true), T0_MS + 16_000);
        assertThat(cues(segment(feed, 1))).containsExactly("0 00:00:01.000-00:00:14.000");
        assertThat(cues(segment(feed, 2))).containsExactly("0 00:00:01.000-00:00:14.000");
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXTINF:6.000,\nsubtitles/1.vtt\n",
                "#EXTINF:2.000,\nsubtitles/2.vtt\n");
    }

    @Test
    void aFinalThatComesAfterItsWholeSpanWasPublishedIsShownLate() {
        SubtitleFeed feed = feed(settings());
        // signed at 1-1.6 s, but its final is slow to come (14 s): the grid cut at 6 s went out without it
        feed.onLine(line(0, "나", 1_000, 1_600, false), T0_MS + 2_000);
        at(feed, 13_800);
        assertThat(cues(segment(feed, 0))).isEmpty();
        clock.set(T0_MS + 14_000);
        feed.onLine(line(0, "나", 1_000, 1_600, true), T0_MS + 14_000);

        // shown from where the published timeline ends, for as long as it would have been
        assertThat(cues(segment(feed, 1))).containsExactly("0 00:00:06.000-00:00:07.500");
        assertThat(registry.find("signstream.sink.hls.cues").tag("placement", "late").counter().count()).isEqualTo(1);
        // and segment 0 did not change
        assertThat(cues(segment(feed, 0))).isEmpty();
    }

    @Test
    void theEndMarkerPublishesTheRestAndEndsThePlaylistAndLaterFinalsStayOut() {
        SubtitleFeed feed = feed(settings());
        sentence(feed, 0, "물 좀 주세요.", 1_000, 2_500, 2_000);
        sentence(feed, 1, "안녕하세요", 8_000, 13_100, 100);

        feed.onEnd(S, T0_MS + 13_300);

        SubtitleFeed.Playlist playlist = feed.playlist(S).orElseThrow();
        assertThat(playlist.ended()).isTrue();
        assertThat(playlist.m3u8()).contains("subtitles/0.vtt\n", "subtitles/1.vtt\n", "subtitles/2.vtt\n",
                "subtitles/3.vtt\n").doesNotContain("subtitles/4.vtt").endsWith("#EXT-X-ENDLIST\n");
        assertThat(cues(segment(feed, 3))).containsExactly("1 00:00:08.000-00:00:13.100");

        read(feed, line(2, "나", 20_000, 21_000, true), 22_000);
        at(feed, 60_000);
        assertThat(feed.playlist(S).orElseThrow().m3u8()).isEqualTo(playlist.m3u8());
        assertThat(registry.find("signstream.sink.hls.finals.after.end").counter().count()).isEqualTo(1);
    }

    @Test
    void twoInstancesReadingTheSameRecordsPublishTheSameSegmentsWhateverTheirClocks() {
        // instance A checks its clock every 100 ms; instance B never (it learns time from the records)
        SubtitleFeed a = feed(settings());
        SubtitleFeed b = feed(settings());
        long[][] sentences = {{500, 2_000, 2_500}, {4_000, 5_500, 2_600}, {9_000, 13_000, 4_000}, {20_000, 21_000, 2_400}};
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            long[] s = sentences[i];
            records.add(new Object[] {line(i, "문장 " + i, s[0], s[1], false), s[0] + 600});
            records.add(new Object[] {line(i, "문장 " + i, s[0], s[1], true), s[1] + s[2]});
        }
        records.sort(java.util.Comparator.comparingLong(r -> (long) r[1]));
        int next = 0;
        for (long wall = 0; wall <= 24_000; wall += 100) {
            while (next < records.size() && (long) records.get(next)[1] <= wall) {
                for (SubtitleFeed feed : List.of(a, b)) {
                    feed.onLine((CaptionLine) records.get(next)[0], T0_MS + (long) records.get(next)[1]);
                }
                next++;
            }
            at(a, wall);
        }
        for (SubtitleFeed feed : List.of(a, b)) {
            feed.onEnd(S, T0_MS + 24_000);
        }
        assertThat(b.playlist(S).orElseThrow().m3u8()).isEqualTo(a.playlist(S).orElseThrow().m3u8());
        for (long n = 0; n <= 3; n++) {
            assertThat(segment(b, n)).as("segment %d", n).isEqualTo(segment(a, n));
        }
        assertThat(cues(segment(a, 0))).containsExactly("0 00:00:00.500-00:00:02.000");
    }

    @Test
    void thePlaylistSlidesAndAFarBehindSessionDoesNotMakeEveryEmptySegment() {
        SubtitleFeed feed = feed(new HlsSettings(Duration.ofSeconds(2), 3, Duration.ofSeconds(1), Timeline.captureClock()));
        sentence(feed, 0, "물", 0, 500, 1_000);
        at(feed, 20_000);
        String m3u8 = feed.playlist(S).orElseThrow().m3u8();
        // cut at the sign end (0.5 s), then on the 2 s grid up to 18 s (19.7 s - the 1 s hold):
        // segments 0-9, the last 3 listed, 6 held
        assertThat(m3u8).contains("#EXT-X-TARGETDURATION:2\n", "#EXT-X-MEDIA-SEQUENCE:7\n", "subtitles/9.vtt")
                .doesNotContain("subtitles/6.vtt").doesNotContain("subtitles/10.vtt");
        assertThat(feed.segment(S, 4)).isPresent();
        assertThat(feed.segment(S, 3)).isEmpty();

        // a day later (a replay, a restart): no 43,000 segments, only what the playlist and its predecessors hold
        at(feed, 86_400_000);
        // (numbered as if every 2 s segment had been made)
        assertThat(feed.nextSequence(S)).isEqualTo(43_200);
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXT-X-MEDIA-SEQUENCE:43197\n");
        assertThat(registry.find("signstream.sink.hls.segments").counter().count()).isLessThan(20);
    }

    @Test
    void theTimelineMapsCaptureTimeOntoTheProgrammeClock() {
        long capture = (T0_MS + 12_345) * 1000;
        assertThat(Timeline.captureClock().programmeUs(capture)).isEqualTo(capture);
        assertThat(Timeline.mpegTs(capture)).isEqualTo(Math.floorMod(capture * 9 / 100, 1L << 33));

        // an encoder that started at 09:00 with timestamp 0, and 2 s of delay
        Timeline operator = Timeline.parse("2026-01-01T09:00:00Z", Duration.ofSeconds(2));
        long nine = Instant.parse("2026-01-01T09:00:00Z").toEpochMilli() * 1000;
        assertThat(operator.programmeUs(nine + 1_000_000)).isEqualTo(3_000_000);
        assertThat(Timeline.mpegTs(3_000_000)).isEqualTo(270_000);
        assertThat(operator.captureUs(3_000_000)).isEqualTo(nine + 1_000_000);
        assertThat(Timeline.parse("1767258000000", Duration.ZERO).originUs()).isEqualTo(nine);
        assertThat(Timeline.mpegTs(-1_000_000)).isEqualTo((1L << 33) - 90_000);

        assertThatThrownBy(() -> Timeline.parse("yesterday", Duration.ZERO)).hasMessageContaining("HLS origin");
        assertThatThrownBy(() -> new HlsSettings(Duration.ofMillis(500), 10, Duration.ZERO, Timeline.captureClock()))
                .hasMessageContaining("HLS segment");
        assertThatThrownBy(() -> new HlsSettings(Duration.ofSeconds(6), 2, Duration.ZERO, Timeline.captureClock()))
                .hasMessageContaining("HLS playlist segments");
    }

    @Test
    void anOperatorOriginMovesTheWindowsAndTheTimestampMap() {
        Timeline origin = new Timeline((T0_MS + 1_000) * 1000, 0);
        SubtitleFeed feed = feed(new HlsSettings(Duration.ofSeconds(6), 10, Duration.ofMillis(1500), origin));
        sentence(feed, 0, "물", 2_000, 3_000, 2_000);
        // programme time 0 is capture 1 s: the first segment starts there, mapped to MPEGTS 0
        assertThat(segment(feed, 0)).startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n0\n00:00:01.000 --> 00:00:02.500\n");
        assertThat(feed.playlist(S).orElseThrow().m3u8()).contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:01.000Z\n");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile long millis = T0_MS;

        void set(long value) {
            millis = value;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
