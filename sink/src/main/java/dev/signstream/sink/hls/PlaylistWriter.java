package dev.signstream.sink.hls;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A sliding-window HLS media playlist (RFC 8216) of subtitle segments: target duration, the media
 * sequence of the first segment listed, then per segment its {@code EXT-X-PROGRAM-DATE-TIME}
 * (the capture time it starts), {@code EXTINF} and URI {@code subtitles/N.vtt}; and
 * {@code EXT-X-ENDLIST} once the session has ended.
 */
final class PlaylistWriter {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(java.time.ZoneOffset.UTC);

    private PlaylistWriter() {
    }

    static String render(List<SubtitleSegment> segments, int targetDurationSeconds, boolean ended) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n")
                .append("#EXT-X-TARGETDURATION:").append(targetDurationSeconds).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.get(0).sequence()).append('\n');
        for (SubtitleSegment segment : segments) {
            Instant start = Instant.ofEpochSecond(Math.floorDiv(segment.startUs(), 1_000_000L),
                    Math.floorMod(segment.startUs(), 1_000_000L) * 1000);
            m3u8.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(start)).append('\n')
                    .append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", segment.durationUs() / 1e6))
                    .append("subtitles/").append(segment.sequence()).append(".vtt\n");
        }
        if (ended) {
            m3u8.append("#EXT-X-ENDLIST\n");
        }
        return m3u8.toString();
    }
}
