package dev.signstream.service.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> get(OpsServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(OpsServer server, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void healthFollowsTheChecksAndMetricsArePrometheusText() throws Exception {
        AtomicBoolean streamsUp = new AtomicBoolean(true);
        HealthCheck health = HealthCheck.all(List.of(
                () -> new Health(streamsUp.get(), Map.of("streams", streamsUp.get() ? "RUNNING" : "ERROR")),
                () -> new Health(true, Map.of("http", "ok"))));
        try (OpsMetrics metrics = new OpsMetrics();
             OpsServer server = OpsServer.start("127.0.0.1", 0, health, metrics.registry())) {
            Counter.builder("signstream.test.events").register(metrics.registry()).increment(3);

            HttpResponse<String> up = get(server, "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(up.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks").get("streams").asText()).isEqualTo("RUNNING");

            streamsUp.set(false);
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("DOWN");

            HttpResponse<String> scrape = get(server, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(scrape.body()).contains("signstream_test_events_total 3.0").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void unknownPathsAnswerJsonWithoutStackTraces() throws Exception {
        try (OpsMetrics metrics = new OpsMetrics();
             OpsServer server = OpsServer.start("127.0.0.1", 0, () -> new Health(true, Map.of()), metrics.registry())) {
            HttpResponse<String> missing = get(server, "/nothing/here");

            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode body = JSON.readTree(missing.body());
            assertThat(body.get("status").asInt()).isEqualTo(404);
            assertThat(body.get("error").asText()).isNotBlank();
            assertThat(missing.body()).doesNotContain("Exception").doesNotContain("\tat ");

            // a URI Jetty rejects before routing: the same JSON, not Jetty's HTML page
            String malformed = raw(server, "GET /metrics%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(malformed).startsWith("HTTP/1.1 400").contains("Content-Type: application/json");
            assertThat(JSON.readTree(malformed.substring(malformed.indexOf("\r\n\r\n") + 4)).get("status").asInt())
                    .isEqualTo(400);
        }
    }
}
