package dev.signstream.sink.http;

import dev.signstream.sink.format.Cue;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.format.EbuTtD;
import dev.signstream.sink.format.Srt;
import dev.signstream.sink.format.WebVtt;
import dev.signstream.sink.view.CaptionBoard;
import dev.signstream.sink.view.SessionSnapshot;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A session's final sentences as caption files, all laid out by the same {@link CueLayout}:
 * {@code captions.vtt} (WebVTT), {@code captions.srt} (SubRip) and {@code captions.ttml}
 * (EBU-TT-D). Times count from the session's first cue, or from {@code ?start=EPOCH_MS}. {@code HEAD}
 * answers the same headers (type, length) without the body.
 */
final class CaptionFileRoutes {

    /** Language of the captions (Korean). */
    static final String LANGUAGE = "ko";

    private final CaptionBoard board;
    private final CueLayout layout;

    private CaptionFileRoutes(CaptionBoard board, CueLayout layout) {
        this.board = board;
        this.layout = layout;
    }

    static void install(RoutesConfig routes, CaptionBoard board, CueLayout layout) {
        CaptionFileRoutes files = new CaptionFileRoutes(board, layout);
        routes.get("/sessions/{id}/captions.vtt", ctx -> files.send(ctx, "text/vtt; charset=utf-8", Format.VTT, true));
        routes.get("/sessions/{id}/captions.srt", ctx -> files.send(ctx, "application/x-subrip; charset=utf-8", Format.SRT, true));
        routes.get("/sessions/{id}/captions.ttml", ctx -> files.send(ctx, "application/ttml+xml; charset=utf-8", Format.TTML, true));
        // HEAD answers what GET would, without the body: players and proxies ask before they fetch
        routes.head("/sessions/{id}/captions.vtt", ctx -> files.send(ctx, "text/vtt; charset=utf-8", Format.VTT, false));
        routes.head("/sessions/{id}/captions.srt", ctx -> files.send(ctx, "application/x-subrip; charset=utf-8", Format.SRT, false));
        routes.head("/sessions/{id}/captions.ttml", ctx -> files.send(ctx, "application/ttml+xml; charset=utf-8", Format.TTML, false));
    }

    private enum Format { VTT, SRT, TTML }

    private void send(Context ctx, String contentType, Format format, boolean withBody) {
        SessionSnapshot session = SessionIds.session(ctx, board);
        List<Cue> cues = layout.session(session.finals());
        long originUs = origin(ctx.queryParam("start"), cues);
        String body = switch (format) {
            case VTT -> WebVtt.render(cues, originUs);
            case SRT -> Srt.render(cues, originUs);
            case TTML -> EbuTtD.render(cues, originUs, LANGUAGE);
        };
        ctx.header("Access-Control-Allow-Origin", "*");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (withBody) {
            ctx.contentType(contentType).result(bytes);
        } else {
            ctx.contentType(contentType).header("Content-Length", String.valueOf(bytes.length));
        }
    }

    private static long origin(String start, List<Cue> cues) {
        if (start == null) {
            return WebVtt.defaultOrigin(cues);
        }
        long originUs;
        try {
            originUs = Math.multiplyExact(Long.parseLong(start), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestResponse("start must be epoch milliseconds, not '" + start + "'");
        }
        if (originUs < 0) {
            throw new BadRequestResponse("start must not be negative, not '" + start + "'");
        }
        return originUs;
    }
}
