package dev.signstream.sink.http;

import dev.signstream.service.ops.HealthCheck;
import dev.signstream.service.ops.JsonErrors;
import dev.signstream.service.ops.OpsRoutes;
import dev.signstream.sink.access.AccessPolicy;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.access.StreamLimits;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.view.CaptionBoard;
import dev.signstream.sink.view.CaptionJson;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseHandler;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caption HTTP server.
 *
 * <ul>
 *   <li>{@code GET /sessions}: every session the board holds (JSON)</li>
 *   <li>{@code GET /sessions/{id}}: its final sentences and current line (JSON)</li>
 *   <li>{@code GET /sessions/{id}/events}: server-sent events {@code partial} and {@code final}
 *       (JSON data); a new client first gets the last final sentence and the open partial</li>
 *   <li>{@code GET /sessions/{id}/captions.vtt|.srt|.ttml[?start=EPOCH_MS]}: the final sentences as
 *       WebVTT, SubRip or EBU-TT-D ({@link CaptionFileRoutes}; {@code HEAD} answers the same headers)</li>
 *   <li>{@code GET /sessions/{id}/subtitles.m3u8}, {@code /sessions/{id}/subtitles/N.vtt}: the live
 *       HLS subtitle rendition ({@link HlsRoutes})</li>
 *   <li>{@code GET /overlay?session=ID[&size=PX]}: the caption overlay page, and its Korean web
 *       font under {@code /fonts/} ({@link FontAssets})</li>
 *   <li>{@code GET /health}, {@code GET /metrics}</li>
 * </ul>
 * An unknown session answers 404, bad parameters 400, a request to the event stream whose Accept
 * header admits no event stream 406 (no Accept, {@code *}{@code /*} as curl sends, or
 * {@code text/*} are served: {@link EventStreamAccept}),
 * all as {@code {"status":..,"error":".."}} without stack traces. Who may see what is decided
 * before any route by {@link HttpAccess} ({@link AccessPolicy#captions()}: a session's paths need a
 * token for it, the session list an operator token; 401 and 403 as the same JSON errors); event
 * streams past the {@link StreamLimits} answer 503.
 */
public final class CaptionServer implements AutoCloseable {

    /** Time between SSE keep-alive comments. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final String OVERLAY = "/dev/signstream/sink/http/overlay.html";
    private static final Logger LOG = LoggerFactory.getLogger(CaptionServer.class);

    /**
     * What the server serves.
     *
     * @param board the captions of every session
     * @param layout how final sentences become cues in caption files
     * @param subtitles the live HLS subtitle rendition
     */
    public record Feeds(CaptionBoard board, CueLayout layout, SubtitleFeed subtitles) {
    }

    private final Javalin server;
    private final CaptionBoard board;
    private final byte[] overlayPage;
    private final Set<SseFeed> feeds = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService keepAlive;
    private final SseMetrics sseMetrics;
    private final StreamLimits.Counter streams;
    private final HttpAccess access;

    private CaptionServer(Feeds sources, HealthCheck health, PrometheusMeterRegistry registry, HttpAccess access,
                          String host, int port) {
        this.access = access;
        this.streams = access.streams().counter();
        this.board = sources.board();
        this.overlayPage = resource(OVERLAY);
        this.sseMetrics = new SseMetrics(registry, feeds);
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(4, r -> daemon(r, "sse-writer-" + threads.incrementAndGet()));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sse-keep-alive"));
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(CaptionJson.MAPPER, false));
            JsonErrors.install(config);
            config.jetty.modifyServletContextHandler(EventStreamAccept::install);
            access.install(config, host, port, AccessPolicy.captions());
            OpsRoutes.install(config.routes, health, registry);
            routes(config.routes);
            CaptionFileRoutes.install(config.routes, sources.board(), sources.layout());
            HlsRoutes.install(config.routes, sources.board(), sources.subtitles(), access);
        });
        keepAlive.scheduleAtFixedRate(() -> feeds.forEach(SseFeed::keepAlive),
                KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the server.
     *
     * @param host address to bind ({@code 0.0.0.0} for every interface)
     * @param port port; 0 picks a free one
     * @param sources where captions come from
     * @param health what {@code /health} reports
     * @param registry what {@code /metrics} exposes (the server adds its SSE meters)
     */
    public static CaptionServer start(String host, int port, Feeds sources, HealthCheck health,
                                      PrometheusMeterRegistry registry) {
        return start(host, port, sources, health, registry, HttpAccess.open());
    }

    /**
     * Starts the server with its protections.
     *
     * @param access tokens, CORS, HTTPS and bounds; without tokens the server is open, and says so loudly
     */
    public static CaptionServer start(String host, int port, Feeds sources, HealthCheck health,
                                      PrometheusMeterRegistry registry, HttpAccess access) {
        CaptionServer captions = new CaptionServer(sources, health, registry, access, host, port);
        captions.server.start(host, port);
        if (access.tokens().isEmpty()) {
            LOG.warn("\n*****************************************************************************"
                    + "\n*  CAPTIONS ARE OPEN TO ANYONE who can reach {}://{}:{}"
                    + "\n*  No caption token secret is configured: every session's captions and the"
                    + "\n*  session list answer without a token. Set SIGNSTREAM_CAPTION_SECRET_FILE"
                    + "\n*  (or give the sink a secret file) and hand out tokens: signstream sink token."
                    + "\n*****************************************************************************",
                    access.scheme(), host, captions.port());
        } else {
            LOG.info("caption server on {}://{}:{}: tokens required, at most {} event streams ({} per session)",
                    access.scheme(), host, captions.port(), access.streams().total(), access.streams().perSession());
        }
        return captions;
    }

    private void routes(RoutesConfig routes) {
        routes.get("/sessions", ctx -> ctx.json(board.sessions()));
        routes.get("/sessions/{id}", ctx -> ctx.json(SessionIds.session(ctx, board)));
        routes.get("/sessions/{id}/events", this::events);
        routes.get("/overlay", this::overlay);
        FontAssets.install(routes);
    }

    private void events(Context ctx) throws Exception {
        String id = SessionIds.check(ctx.pathParam("id"), "session id");
        if (board.snapshot(id).isEmpty()) {
            throw new NotFoundResponse("unknown session '" + id + "'");
        }
        if (!EventStreamAccept.admitsEventStream(ctx.header("Accept"))) {
            throw new HttpResponseException(406, "this is a server-sent event stream: send Accept: text/event-stream");
        }
        Optional<Runnable> permit = streams.tryAcquire(id);
        if (permit.isEmpty()) {
            sseMetrics.refused();
            ctx.header("Retry-After", "30");
            throw new HttpResponseException(503, "too many caption streams (at most " + access.streams().perSession()
                    + " per session, " + access.streams().total() + " in all); try again later");
        }
        try {
            new SseHandler(client -> {
                SseFeed feed = new SseFeed(id, client, writers, sseMetrics);
                Runnable unsubscribe = board.subscribe(id, feed).orElse(() -> { });
                feeds.add(feed);
                client.onClose(() -> {
                    feed.stop();
                    unsubscribe.run();
                    feeds.remove(feed);
                    permit.get().run();
                });
                client.keepAlive();
            }).handle(ctx);
        } catch (RuntimeException e) {
            permit.get().run();
            throw e;
        }
    }

    private void overlay(Context ctx) {
        SessionIds.check(ctx.queryParam("session"), "the session query parameter (overlay?session=ID)");
        String size = ctx.queryParam("size");
        if (size != null && !size.matches("\\d{2,3}")) {
            throw new BadRequestResponse("size must be a font size in pixels (10-999), not '" + size + "'");
        }
        ctx.contentType("text/html; charset=utf-8").result(overlayPage);
    }

    private static byte[] resource(String name) {
        try (InputStream in = CaptionServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Event streams counted against the limits (connected, or closing). */
    public int openStreams() {
        return streams.total();
    }

    /** Connected server-sent-event clients. */
    public int sseClients() {
        return feeds.size();
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        server.stop();
        writers.shutdownNow();
    }
}
