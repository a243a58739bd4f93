package dev.signstream.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.OpsMetrics;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.hls.Timeline;
import dev.signstream.sink.view.CaptionBoard;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP surface over an in-memory board (no Kafka). */
class CaptionServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_767_225_600_000_000L;

    private CaptionBoard board;
    private OpsMetrics metrics;
    private SubtitleFeed subtitles;
    private CaptionServer server;

    static Sentence sentence(String session, int index, String text, boolean last) {
        return Sentence.newBuilder().setSessionId(session).setSentenceIndex(index).setWords(List.of(text.split(" ")))
                .setText(text).setLexiconMatch(null).setStartTimeUs(T0 + 3_000_000L * index)
                .setEndTimeUs(T0 + 3_000_000L * index + 2_000_000).setFinal$(last).setModelVersion("v1").build();
    }

    @BeforeEach
    void start() {
        board = new CaptionBoard();
        metrics = new OpsMetrics();
        CueLayout layout = new CueLayout(LayoutRules.defaults());
        // not live: segments are published only on the records' own timestamps, as they are applied
        subtitles = new SubtitleFeed(HlsSettings.defaults(), layout, () -> false, metrics.registry());
        board.watch(subtitles);
        server = CaptionServer.start("127.0.0.1", 0, new CaptionServer.Feeds(board, layout, subtitles),
                () -> new Health(true, Map.of("test", "up")), metrics.registry());
    }

    @AfterEach
    void stop() {
        server.close();
        subtitles.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void listsSessionsAndServesOneAsJson() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        board.apply(sentence("cam-1", 1, "물", false));
        board.apply(sentence("cam-2", 0, "나", false));

        JsonNode sessions = JSON.readTree(get("/sessions").body());
        assertThat(sessions).extracting(n -> n.get("session_id").asText()).containsExactlyInAnyOrder("cam-1", "cam-2");

        JsonNode one = JSON.readTree(get("/sessions/cam-1").body());
        assertThat(one.get("finals")).singleElement().satisfies(f -> {
            assertThat(f.get("text").asText()).isEqualTo("안녕하세요");
            assertThat(f.get("final").asBoolean()).isTrue();
            assertThat(f.get("start_time_us").asLong()).isEqualTo(T0);
        });
        assertThat(one.get("current").get("text").asText()).isEqualTo("물");
    }

    @Test
    void servesWebVttOfFinalSentences() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        board.apply(sentence("cam-1", 1, "물 주세요", true));
        board.apply(sentence("cam-1", 2, "나", false));

        HttpResponse<String> vtt = get("/sessions/cam-1/captions.vtt");

        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type")).get().asString().startsWith("text/vtt");
        assertThat(vtt.body()).isEqualTo("WEBVTT\n\n0\n00:00:00.000 --> 00:00:02.000\n안녕하세요\n\n"
                + "1\n00:00:03.000 --> 00:00:05.000\n물 주세요\n\n");
        assertThat(get("/sessions/cam-1/captions.vtt?start=" + (T0 / 1000 - 60_000)).body())
                .contains("00:01:00.000 --> 00:01:02.000");
    }

    @Test
    void servesSubRipAndEbuTtDOfTheSameCues() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        board.apply(sentence("cam-1", 1, "나", false));

        HttpResponse<String> srt = get("/sessions/cam-1/captions.srt");
        HttpResponse<String> ttml = get("/sessions/cam-1/captions.ttml");

        assertThat(srt.statusCode()).isEqualTo(200);
        assertThat(srt.headers().firstValue("Content-Type")).get().asString().startsWith("application/x-subrip");
        assertThat(srt.body()).isEqualTo("1\r\n00:00:00,000 --> 00:00:02,000\r\n안녕하세요\r\n\r\n");
        assertThat(ttml.statusCode()).isEqualTo(200);
        assertThat(ttml.headers().firstValue("Content-Type")).get().asString().startsWith("application/ttml+xml");
        assertThat(ttml.body()).contains("begin=\"00:00:00.000\" end=\"00:00:02.000\"").contains(">안녕하세요</span>");
        assertThat(srt.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void servesTheSubtitlePlaylistAndItsSegmentsUntilTheSessionEnds() throws Exception {
        // Given a session's sentences (0-2 s and 3-5 s of capture time), as emitted (record timestamps)
        long t0Ms = T0 / 1000;
        board.apply(sentence("cam-1", 0, "안녕하세요", false), t0Ms + 1000);
        board.apply(sentence("cam-1", 0, "안녕하세요", true), t0Ms + 4600);
        board.apply(sentence("cam-1", 1, "물 주세요", false), t0Ms + 4600);
        board.apply(sentence("cam-1", 1, "물 주세요", true), t0Ms + 8000);

        // Then the playlist is live: each final cut a segment at its sign end (2 s, 5 s), and the
        // quiet after them reached the 6 s grid point
        HttpResponse<String> live = get("/sessions/cam-1/subtitles.m3u8");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).get().asString().startsWith("application/vnd.apple.mpegurl");
        assertThat(live.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(live.body()).startsWith("#EXTM3U\n").contains("#EXT-X-TARGETDURATION:6\n", "#EXT-X-MEDIA-SEQUENCE:0\n",
                "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z\n#EXTINF:2.000,\nsubtitles/0.vtt\n",
                "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:02.000Z\n#EXTINF:3.000,\nsubtitles/1.vtt\n",
                "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:05.000Z\n#EXTINF:1.000,\nsubtitles/2.vtt\n")
                .doesNotContain("subtitles/3.vtt").doesNotContain("#EXT-X-ENDLIST");
        HttpResponse<String> first = get("/sessions/cam-1/subtitles/0.vtt");
        assertThat(first.headers().firstValue("Content-Type")).get().asString().startsWith("text/vtt");
        assertThat(first.body()).isEqualTo("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:" + Timeline.mpegTs(T0) + ",LOCAL:00:00:00.000\n\n"
                + "0\n00:00:00.000 --> 00:00:02.000\n안녕하세요\n\n");
        assertThat(get("/sessions/cam-1/subtitles/1.vtt").body()).endsWith("\n\n1\n00:00:03.000 --> 00:00:05.000\n물 주세요\n\n");
        assertJsonError(get("/sessions/cam-1/subtitles/3.vtt"), 404, "not published yet");

        // When the session's end marker comes
        board.end("cam-1", t0Ms + 9000);

        // Then the playlist ends and every segment up to the last cue is out
        HttpResponse<String> ended = get("/sessions/cam-1/subtitles.m3u8");
        assertThat(ended.body()).endsWith("#EXT-X-ENDLIST\n");
        assertThat(get("/sessions/cam-1/subtitles/0.vtt").body()).isEqualTo(first.body());
        assertJsonError(get("/sessions/cam-1/subtitles/one.vtt"), 400, "N.vtt");
        assertJsonError(get("/sessions/nobody/subtitles.m3u8"), 404, "unknown session 'nobody'");
    }

    @Test
    void unknownSessionsAndBadParametersAnswerJsonErrors() throws Exception {
        assertJsonError(get("/sessions/nobody"), 404, "unknown session 'nobody'");
        assertJsonError(get("/sessions/nobody/captions.vtt"), 404, "unknown session 'nobody'");
        assertJsonError(get("/sessions/nobody/events"), 404, "unknown session 'nobody'");
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        assertJsonError(get("/sessions/cam-1/captions.vtt?start=yesterday"), 400, "start must be epoch milliseconds");
        assertJsonError(get("/sessions/cam-1/captions.vtt?start=-5"), 400, "must not be negative");
        assertJsonError(HTTP.send(HttpRequest.newBuilder(uri("/sessions/cam-1/events")).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString()), 406, "Accept: text/event-stream");
        assertJsonError(get("/overlay"), 400, "session query parameter");
        assertJsonError(get("/overlay?session="), 400, "session query parameter");
        assertJsonError(get("/overlay?session=cam-1&size=huge"), 400, "size must be a font size");
        assertJsonError(get("/sessions/" + "x".repeat(300)), 400, "at most 256");
        assertJsonError(get("/no/such/path"), 404, "");
    }

    @Test
    void malformedRequestsAre4xxWithoutStackTraces() throws Exception {
        for (String target : List.of("/sessions/%ZZ", "/overlay?session=%E0%A4%A", "/%00")) {
            String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(response.substring(9, 12));
            assertThat(status).as("%s -> %s", target, response).isBetween(400, 499);
            assertThat(response).as(target).contains("Content-Type: application/json").contains("{\"status\":" + status + ",");
            assertThat(response).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Caused by");
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theOverlayPageIsTransparentKoreanAndFollowsTheEventStream() throws Exception {
        HttpResponse<String> page = get("/overlay?session=cam-1&size=72");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"ko\">").contains("background: transparent")
                .contains("new EventSource(\"sessions/\" + encodeURIComponent(session) + \"/events\"")
                // a token of the page's URL goes on to the event stream
                .contains("\"?token=\" + encodeURIComponent(token)");
    }

    @Test
    void eventStreamsStartWithTheCurrentStateThenFollowEveryLine() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        board.apply(sentence("cam-1", 1, "물", false));

        try (SseReader events = new SseReader(uri("/sessions/cam-1/events"))) {
            assertThat(events.status).isEqualTo(200);
            assertThat(events.next(Duration.ofSeconds(5))).startsWith("final|").contains("\"text\":\"안녕하세요\"");
            assertThat(events.next(Duration.ofSeconds(5))).startsWith("partial|").contains("\"text\":\"물\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.sseClients() == 1);

            board.apply(sentence("cam-1", 1, "물 주세요", false));
            board.apply(sentence("cam-1", 1, "물 주세요", true));

            assertThat(events.next(Duration.ofSeconds(5))).startsWith("partial|").contains("\"text\":\"물 주세요\"");
            assertThat(events.next(Duration.ofSeconds(5))).startsWith("final|").contains("\"sentence_index\":1");
            assertThat(events.next(Duration.ofMillis(300))).isNull();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            // the server notices the closed connection at its next write
            board.apply(sentence("cam-1", 2, "나", false));
            return server.sseClients() == 0;
        });
    }

    @Test
    void theOverlaysWebFontIsServedWithItsLicence() throws Exception {
        String page = get("/overlay?session=cam-1").body();
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"" + FontAssets.STYLESHEET + "\">");

        HttpResponse<String> css = get("/" + FontAssets.STYLESHEET);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).get().asString().startsWith("text/css");
        assertThat(css.body()).contains("font-family: 'Noto Sans KR'").doesNotContain(".woff)");
        String file = css.body().replaceAll("(?s).*?url\\(\\./(files/[^)]+\\.woff2)\\).*", "$1");
        HttpResponse<byte[]> woff2 = HTTP.send(HttpRequest.newBuilder(uri("/fonts/noto-sans-kr/5.3.0/" + file)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(woff2.statusCode()).isEqualTo(200);
        assertThat(woff2.headers().firstValue("Content-Type")).hasValue("font/woff2");
        assertThat(new String(woff2.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("wOF2");
        assertThat(get("/fonts/noto-sans-kr/5.3.0/LICENSE").body()).contains("SIL Open Font License");
        assertThat(get("/fonts/noto-sans-kr/5.3.0/files/nothing.woff2").statusCode()).isEqualTo(404);
        assertThat(get("/fonts/../overlay.html").statusCode()).isEqualTo(404);
    }

    @Test
    void curlsAcceptAnyGetsTheEventStream() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        for (String accept : List.of("*/*", "text/*", "text/event-stream;q=0.9, application/json")) {
            // what `curl -N http://.../sessions/cam-1/events` sends
            String response = rawUntil("GET /sessions/cam-1/events HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/7.88.1"
                    + "\r\nAccept: " + accept + "\r\n\r\n", "안녕하세요");
            assertThat(response).as(accept).startsWith("HTTP/1.1 200").contains("Content-Type: text/event-stream")
                    .contains("event: final");
        }
        assertThat(EventStreamAccept.admitsEventStream(null)).isTrue();
        assertThat(EventStreamAccept.admitsEventStream("text/html, application/json")).isFalse();
    }

    @Test
    void headOnTheWebVttAnswersWhatGetWould() throws Exception {
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        HttpResponse<String> get = get("/sessions/cam-1/captions.vtt");

        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(uri("/sessions/cam-1/captions.vtt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.headers().firstValue("Content-Type")).get().asString().startsWith("text/vtt");
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(get.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(head.body()).isEmpty();
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/sessions/nobody/captions.vtt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }

    /** Sends a raw request and reads until the response contains {@code until} (or 5 s pass). */
    private String rawUntil(String request, String until) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                while (!read.toString(StandardCharsets.UTF_8).contains(until)) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    read.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no '" + until + "' within 5 s; got: " + read.toString(StandardCharsets.UTF_8), e);
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void healthAndMetricsAreServedToo() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("signstream_sink_sse_clients");
    }
}
