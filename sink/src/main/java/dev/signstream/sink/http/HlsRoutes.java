package dev.signstream.sink.http;

import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.hls.SubtitleSegment;
import dev.signstream.sink.view.CaptionBoard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * The live HLS subtitle rendition: {@code /sessions/{id}/subtitles.m3u8} (a media playlist, not
 * to be cached: it changes every segment) and {@code /sessions/{id}/subtitles/N.vtt} (a segment:
 * it never changes, so it may be cached). Both allow any origin, as a player on a broadcaster's
 * page fetches them from there.
 */
final class HlsRoutes {

    private final CaptionBoard board;
    private final SubtitleFeed feed;

    private HlsRoutes(CaptionBoard board, SubtitleFeed feed) {
        this.board = board;
        this.feed = feed;
    }

    static void install(RoutesConfig routes, CaptionBoard board, SubtitleFeed feed) {
        HlsRoutes hls = new HlsRoutes(board, feed);
        routes.get("/sessions/{id}/subtitles.m3u8", hls::playlist);
        routes.get("/sessions/{id}/subtitles/{segment}", hls::segment);
    }

    private void playlist(Context ctx) {
        String id = SessionIds.session(ctx, board).sessionId();
        SubtitleFeed.Playlist playlist = feed.playlist(id)
                .orElseThrow(() -> new NotFoundResponse("session '" + id + "' has no subtitle playlist"));
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", playlist.ended() ? "max-age=60" : "no-cache");
        ctx.contentType("application/vnd.apple.mpegurl").result(playlist.m3u8());
    }

    private void segment(Context ctx) {
        String id = SessionIds.session(ctx, board).sessionId();
        String file = ctx.pathParam("segment");
        if (!file.matches("\\d{1,18}\\.vtt")) {
            throw new BadRequestResponse("a subtitle segment is N.vtt (N = its sequence number), not '" + file + "'");
        }
        long sequence = Long.parseLong(file.substring(0, file.length() - ".vtt".length()));
        SubtitleSegment segment = feed.segment(id, sequence).orElseThrow(() -> new NotFoundResponse(
                sequence >= feed.nextSequence(id)
                        ? "subtitle segment " + sequence + " of session '" + id + "' is not published yet"
                        : "subtitle segment " + sequence + " of session '" + id + "' is no longer held"
                                + " (the sink keeps two playlists' worth)"));
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "max-age=3600, immutable");
        ctx.contentType("text/vtt; charset=utf-8").result(segment.vtt());
    }
}
