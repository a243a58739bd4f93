package dev.signstream.sink.http;

import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.hls.SubtitleSegment;
import dev.signstream.sink.view.CaptionBoard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The live HLS subtitle rendition: {@code /sessions/{id}/subtitles.m3u8} (a media playlist, not
 * to be cached: it changes every segment) and {@code /sessions/{id}/subtitles/N.vtt} (a segment:
 * it never changes, so it may be cached). On an open server both allow any origin, as a player on a
 * broadcaster's page fetches them from there; with caption tokens the configured CORS origins apply,
 * and a playlist fetched with {@code ?token=} lists its segments with the same token, so that a
 * player that knows only the playlist's URL can fetch them.
 */
final class HlsRoutes {

    private final CaptionBoard board;
    private final SubtitleFeed feed;
    private final boolean anyOrigin;

    private HlsRoutes(CaptionBoard board, SubtitleFeed feed, boolean anyOrigin) {
        this.board = board;
        this.feed = feed;
        this.anyOrigin = anyOrigin;
    }

    static void install(RoutesConfig routes, CaptionBoard board, SubtitleFeed feed, HttpAccess access) {
        HlsRoutes hls = new HlsRoutes(board, feed, access.tokens().isEmpty() && access.corsOrigins().isEmpty());
        routes.get("/sessions/{id}/subtitles.m3u8", hls::playlist);
        routes.get("/sessions/{id}/subtitles/{segment}", hls::segment);
    }

    private void playlist(Context ctx) {
        String id = SessionIds.session(ctx, board).sessionId();
        SubtitleFeed.Playlist playlist = feed.playlist(id)
                .orElseThrow(() -> new NotFoundResponse("session '" + id + "' has no subtitle playlist"));
        allowOrigin(ctx);
        ctx.header("Cache-Control", playlist.ended() ? "max-age=60" : "no-cache");
        String token = ctx.queryParam("token");
        ctx.contentType("application/vnd.apple.mpegurl")
                .result(token == null ? playlist.m3u8() : withToken(playlist.m3u8(), token));
    }

    /** The playlist with {@code ?token=} on every segment URI (the lines that are not tags). */
    static String withToken(String m3u8, String token) {
        String query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(m3u8.length() + 64);
        for (String line : m3u8.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line);
            if (!line.isBlank() && !line.startsWith("#")) {
                out.append(query);
            }
        }
        return out.toString();
    }

    private void allowOrigin(Context ctx) {
        if (anyOrigin) {
            ctx.header("Access-Control-Allow-Origin", "*");
        }
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
        allowOrigin(ctx);
        ctx.header("Cache-Control", "max-age=3600, immutable");
        ctx.contentType("text/vtt; charset=utf-8").result(segment.vtt());
    }
}
