package dev.signstream.sink.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.signstream.schemas.avro.Sentence;
import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.OpsMetrics;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.http.CaptionServer;
import dev.signstream.sink.view.CaptionBoard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 1,000 idle event-stream clients stay within the bounds, and the server keeps answering. */
class StreamLimitsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-only".getBytes(StandardCharsets.UTF_8);
    private static final int CLIENTS = 1000;
    private static final StreamLimits LIMITS = new StreamLimits(300, 500);

    @Test
    void aThousandIdleStreamsStayWithinTheBoundsAndTheServerKeepsAnswering() throws Exception {
        CaptionTokens tokens = new CaptionTokens(SECRET);
        CaptionBoard board = new CaptionBoard();
        for (String session : List.of("cam-1", "cam-2")) {
            board.apply(Sentence.newBuilder().setSessionId(session).setSentenceIndex(0).setWords(List.of("물"))
                    .setText("물").setLexiconMatch(null).setStartTimeUs(1_767_225_600_000_000L)
                    .setEndTimeUs(1_767_225_602_000_000L).setFinal$(false).setModelVersion("v1").build());
        }
        HttpAccess access = new HttpAccess(Optional.of(tokens), List.of(), Optional.empty(), LIMITS, 1500);
        Map<String, String> sessionTokens = Map.of("cam-1", tokens.viewer("cam-1", Duration.ofHours(1)),
                "cam-2", tokens.viewer("cam-2", Duration.ofHours(1)));
        List<Socket> sockets = new ArrayList<>();
        try (OpsMetrics metrics = new OpsMetrics()) {
            CueLayout layout = new CueLayout(LayoutRules.defaults());
            SubtitleFeed subtitles = new SubtitleFeed(HlsSettings.defaults(), layout, () -> false, metrics.registry());
            CaptionServer server = CaptionServer.start("127.0.0.1", 0, new CaptionServer.Feeds(board, layout, subtitles),
                    () -> new Health(true, Map.of()), metrics.registry(), access);
            try {
                // Given 1,000 clients that open an event stream and then stay idle
                Map<String, Integer> accepted = new HashMap<>();
                int refused = 0;
                long started = System.nanoTime();
                for (int i = 0; i < CLIENTS; i++) {
                    String session = i % 2 == 0 ? "cam-1" : "cam-2";
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.setSoTimeout(10_000);
                    String status = openStream(socket, session, sessionTokens.get(session));
                    if (status.contains(" 200 ")) {
                        accepted.merge(session, 1, Integer::sum);
                        sockets.add(socket);
                    } else {
                        assertThat(status).as("client %d", i).contains(" 503 ");
                        refused++;
                        socket.close();
                    }
                }
                long openMs = (System.nanoTime() - started) / 1_000_000;

                // Then no more than the bounds are open: per session and in total
                assertThat(accepted.values()).allMatch(n -> n <= LIMITS.perSession());
                assertThat(accepted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(LIMITS.total());
                assertThat(refused).isEqualTo(CLIENTS - LIMITS.total());
                assertThat(server.openStreams()).isEqualTo(LIMITS.total());

                // and the server keeps answering other requests quickly
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                long asked = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> session = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/sessions/cam-1"))
                        .header("Authorization", "Bearer " + sessionTokens.get("cam-1"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                long answeredMs = (System.nanoTime() - asked) / 1_000_000;
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(session.statusCode()).isEqualTo(200);
                assertThat(answeredMs).isLessThan(2_000);
                String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(scrape).contains("signstream_sink_sse_refused_total " + (double) (CLIENTS - LIMITS.total()));
                System.out.printf("opened %d streams (%d refused) in %d ms; /health and a session answered in %d ms%n",
                        LIMITS.total(), refused, openMs, answeredMs);

                // When the clients go away, their streams are released
                for (Socket socket : sockets) {
                    socket.close();
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> server.openStreams() == 0);
            } finally {
                server.close();
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Sends the request and reads the status line and headers; the stream then stays open and idle. */
    private static String openStream(Socket socket, String session, String token) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /sessions/" + session + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // headers
        }
        return String.valueOf(status);
    }
}
