package dev.signstream.sink.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The overlay's Korean web font, served with the page: OBS browser sources and kiosk browsers
 * often have no Korean font, and Hangul would show as boxes. Noto Sans KR bold from
 * {@code @fontsource/noto-sans-kr} (SIL Open Font License, its {@code LICENSE} served alongside),
 * vendored by {@code scripts/vendor-overlay-font.sh}. The version is in the path, so browsers may
 * keep the files for good.
 */
final class FontAssets {

    /** Where the stylesheet is, relative to the overlay page. */
    static final String STYLESHEET = "fonts/noto-sans-kr/5.3.0/700.css";
    private static final String ROOT = "/dev/signstream/sink/http/";
    private static final Pattern SERVED = Pattern.compile(
            "noto-sans-kr/[0-9.]+/(700\\.css|LICENSE|README\\.md|files/[a-z0-9-]+\\.woff2)");

    private FontAssets() {
    }

    static void install(RoutesConfig routes) {
        routes.get("/fonts/<path>", FontAssets::serve);
    }

    private static void serve(Context ctx) {
        String path = ctx.pathParam("path");
        if (!SERVED.matcher(path).matches()) {
            throw new NotFoundResponse("no font file '" + path + "'");
        }
        byte[] bytes;
        try (InputStream in = FontAssets.class.getResourceAsStream(ROOT + "fonts/" + path)) {
            if (in == null) {
                throw new NotFoundResponse("no font file '" + path + "'");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font file " + path, e);
        }
        String type = path.endsWith(".woff2") ? "font/woff2" : path.endsWith(".css") ? "text/css; charset=utf-8"
                : "text/plain; charset=utf-8";
        ctx.header("Cache-Control", "public, max-age=31536000, immutable").contentType(type).result(bytes);
    }
}
