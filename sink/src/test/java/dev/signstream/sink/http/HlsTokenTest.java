package dev.signstream.sink.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A playlist fetched with a caption token lists its segments with the same token. */
class HlsTokenTest {

    @Test
    void segmentUrisCarryThePlaylistsTokenAndTagsStayAsTheyAre() {
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000,\nsubtitles/3.vtt\n#EXTINF:6.000,\n"
                + "subtitles/4.vtt\n#EXT-X-ENDLIST\n";
        String withToken = HlsRoutes.withToken(playlist, "a.b+c/d");
        assertThat(withToken).isEqualTo("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000,\n"
                + "subtitles/3.vtt?token=a.b%2Bc%2Fd\n#EXTINF:6.000,\nsubtitles/4.vtt?token=a.b%2Bc%2Fd\n#EXT-X-ENDLIST\n");
    }
}
