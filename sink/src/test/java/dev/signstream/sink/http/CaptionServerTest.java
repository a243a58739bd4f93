package dev.signstream.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.OpsMetrics;
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
        server = CaptionServer.start("127.0.0.1", 0, board, () -> new Health(true, Map.of("test", "up")), metrics.registry());
    }

    @AfterEach
    void stop() {
        server.close();
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
    void unknownSessionsAndBadParametersAnswerJsonErrors() throws Exception {
        assertJsonError(get("/sessions/nobody"), 404, "unknown session 'nobody'");
        assertJsonError(get("/sessions/nobody/captions.vtt"), 404, "unknown session 'nobody'");
        assertJsonError(get("/sessions/nobody/events"), 404, "unknown session 'nobody'");
        board.apply(sentence("cam-1", 0, "안녕하세요", true));
        assertJsonError(get("/sessions/cam-1/captions.vtt?start=yesterday"), 400, "start must be epoch milliseconds");
        assertJsonError(get("/sessions/cam-1/captions.vtt?start=-5"), 400, "must not be negative");
        assertJsonError(get("/sessions/cam-1/events"), 406, "Accept: text/event-stream");
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
    void healthAndMetricsAreServedToo() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("signstream_sink_sse_clients");
    }
}
