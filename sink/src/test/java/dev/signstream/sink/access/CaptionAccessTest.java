package dev.signstream.sink.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.secure.CertificateAuthority;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.service.ops.Health;
import dev.signstream.service.ops.OpsMetrics;
import dev.signstream.sink.format.CueLayout;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.hls.SubtitleFeed;
import dev.signstream.sink.http.CaptionServer;
import dev.signstream.sink.view.CaptionBoard;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caption access per session: tokens, 401/403 as JSON, CORS and HTTPS. */
class CaptionAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-only".getBytes(StandardCharsets.UTF_8);

    private final CaptionTokens tokens = new CaptionTokens(SECRET);
    private OpsMetrics metrics;
    private CaptionServer server;
    private CaptionBoard board;

    @TempDir
    Path temp;

    private void start(HttpAccess access) {
        board = new CaptionBoard();
        board.apply(Sentence.newBuilder().setSessionId("cam-1").setSentenceIndex(0).setWords(List.of("물"))
                .setText("물").setLexiconMatch(null).setStartTimeUs(1_767_225_600_000_000L)
                .setEndTimeUs(1_767_225_602_000_000L).setFinal$(true).setModelVersion("v1").build());
        metrics = new OpsMetrics();
        CueLayout layout = new CueLayout(LayoutRules.defaults());
        SubtitleFeed subtitles = new SubtitleFeed(HlsSettings.defaults(), layout, () -> false, metrics.registry());
        board.watch(subtitles);
        server = CaptionServer.start("127.0.0.1", 0, new CaptionServer.Feeds(board, layout, subtitles),
                () -> new Health(true, Map.of()), metrics.registry(), access);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            metrics.close();
        }
    }

    private HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String text) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(text);
    }

    @Test
    void aSessionsCaptionsNeedATokenForThatSession() throws Exception {
        start(HttpAccess.open().withTokens(tokens));
        String good = tokens.viewer("cam-1", Duration.ofHours(2));
        String other = tokens.viewer("cam-2", Duration.ofHours(2));
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        String expired = new CaptionTokens(SECRET, anHourAgo).viewer("cam-1", Duration.ofHours(2));
        String forged = new CaptionTokens("another secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8))
                .viewer("cam-1", Duration.ofHours(2));

        for (String path : List.of("/sessions/cam-1", "/sessions/cam-1/captions.vtt", "/sessions/cam-1/events",
                "/overlay?session=cam-1")) {
            HttpResponse<String> none = get(path, null);
            assertJsonError(none, 401, "token");
            assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertJsonError(get(path, other), 403, "another session");
            assertJsonError(get(path, expired), 401, "expired");
            assertJsonError(get(path, forged), 401, "not valid");
        }
        assertThat(get("/sessions/cam-1", good).statusCode()).isEqualTo(200);
        assertThat(get("/sessions/cam-1/captions.vtt", good).body()).startsWith("WEBVTT").contains("물");
        assertThat(get("/overlay?session=cam-1&token=" + URLEncoder.encode(good, StandardCharsets.UTF_8), null)
                .statusCode()).isEqualTo(200);
        // the query parameter works where headers cannot be set (EventSource, OBS)
        assertThat(get("/sessions/cam-1?token=" + good, null).statusCode()).isEqualTo(200);
        // a path below the session that no route serves is still protected, then 404
        assertJsonError(get("/sessions/cam-1/nothing-here", null), 401, "token");
        assertJsonError(get("/sessions/cam-1/nothing-here", good), 404, "");
        // the HLS rendition is a session's path like the others
        assertJsonError(get("/sessions/cam-1/subtitles.m3u8", null), 401, "token");
        assertJsonError(get("/sessions/cam-1/subtitles.m3u8", other), 403, "another session");
    }

    @Test
    void theSessionListNeedsAnOperatorTokenAndHealthStaysOpen() throws Exception {
        start(HttpAccess.open().withTokens(tokens));
        assertJsonError(get("/sessions", null), 401, "operator token");
        assertJsonError(get("/sessions", tokens.viewer("cam-1", Duration.ofMinutes(5))), 403, "operator");
        HttpResponse<String> listed = get("/sessions", tokens.operator(Duration.ofMinutes(5)));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("cam-1");
        assertThat(get("/sessions/cam-1", tokens.operator(Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        assertJsonError(get("/nothing-here", null), 401, "operator token");
    }

    @Test
    void corsAnswersConfiguredOriginsOnly() throws Exception {
        start(new HttpAccess(Optional.of(tokens), List.of("https://player.example.com"), Optional.empty(),
                StreamLimits.defaults(), HttpAccess.DEFAULT_MAX_CONNECTIONS));
        String good = tokens.viewer("cam-1", Duration.ofHours(1));
        HttpResponse<String> allowed = get("/sessions/cam-1", good, "Origin", "https://player.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://player.example.com");
        HttpResponse<String> other = get("/sessions/cam-1", good, "Origin", "https://evil.example.net");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // a preflight carries no token and is answered
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/sessions/cam-1/events"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://player.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://player.example.com");
    }

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("test CA");
        Path keystore = temp.resolve("captions.p12");
        ca.issue("localhost", List.of("localhost"), List.of("127.0.0.1")).writePkcs12(keystore, "changeit".toCharArray());
        start(new HttpAccess(Optional.of(tokens), List.of(), Optional.of(new HttpsKeystore(keystore, "changeit")),
                StreamLimits.defaults(), HttpAccess.DEFAULT_MAX_CONNECTIONS));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.certificate().getEncoded())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), new SecureRandom());
        HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.port() + "/sessions/cam-1"))
                .header("Authorization", "Bearer " + tokens.viewer("cam-1", Duration.ofMinutes(5))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("물");
    }

    @Test
    void tokensAreStandardJwtsThatAnyBackendCanMint() {
        String token = tokens.viewer("cam-1", Duration.ofMinutes(10));
        assertThat(token.split("\\.")).hasSize(3);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"cam-1\"").contains("\"scope\":\"viewer\"").contains("\"exp\":");
        assertThat(tokens.verify(token).session()).contains("cam-1");
    }
}
