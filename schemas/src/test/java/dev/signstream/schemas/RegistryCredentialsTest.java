package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.schemas.avro.FrameChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials from the client properties file reach every serde: basic auth, and OAuth2
 * client credentials (a bearer token from a token endpoint). The embedded registry has no
 * authentication, so a proxy in front of it demands it, as a secured registry would.
 */
@WithKafka
class RegistryCredentialsTest {

    private static final String TOKEN = "test-access-token-1";

    @TempDir
    Path dir;
    private HttpServer proxy;
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private volatile String expected;

    @BeforeEach
    void startProxy(KafkaStack stack) throws IOException {
        HttpClient upstream = HttpClient.newHttpClient();
        URI registry = URI.create(stack.registryUrl().replaceAll("/apis/registry/v2/?$", ""));
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean good = body.contains("grant_type=client_credentials")
                    && (body.contains("client_secret=s3cret") || String.valueOf(exchange.getRequestHeaders()
                    .getFirst("Authorization")).equals("Basic " + base64("signstream:s3cret")));
            respond(exchange, good ? 200 : 401, good ? "{\"access_token\":\"" + TOKEN
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}" : "{\"error\":\"invalid_client\"}");
        });
        proxy.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            if (!String.valueOf(auth).equals(expected)) {
                respond(exchange, 401, "{\"message\":\"unauthorized\",\"error_code\":401}");
                return;
            }
            forward(upstream, registry, exchange);
        });
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/apis/registry/v2";
    }

    private KafkaSettings settings(KafkaStack stack, String fileText) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, fileText);
        return KafkaSettings.parse(Map.of(), Optional.of(stack.bootstrapServers()), Optional.of(proxyUrl()),
                Optional.of(file), List.of(ProducerConfig.configDef(), AdminClientConfig.configDef()));
    }

    private static void register(KafkaSettings settings, String topic) {
        Serializer<FrameChunk> serializer = AvroSerdes.of(settings).valueSerde(FrameChunk.class).serializer();
        byte[] bytes = serializer.serialize(topic, SampleRecords.chunk("s1", 1));
        assertThat(bytes[0]).as("Confluent wire format").isZero();
    }

    @Test
    void basicAuthFromTheClientConfigFileReachesTheSerde(KafkaStack stack) throws Exception {
        expected = "Basic " + base64("captions:pa55word");
        register(settings(stack, "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=captions:pa55word\n"),
                "regcred-basic-" + System.nanoTime());
        assertThat(authorizations).contains(expected);

        KafkaSettings wrong = settings(stack, "basic.auth.user.info=captions:wrong\n");
        assertThatThrownBy(() -> register(wrong, "regcred-wrong-" + System.nanoTime())).isInstanceOf(RuntimeException.class);
        assertThat(wrong.toString()).doesNotContain("wrong").contains(Secrets.HIDDEN);
    }

    @Test
    void oauth2ClientCredentialsGiveTheSerdeABearerToken(KafkaStack stack) throws Exception {
        expected = "Bearer " + TOKEN;
        String tokenEndpoint = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/token";
        register(settings(stack, "apicurio.registry.auth.service.token.endpoint=" + tokenEndpoint + "\n"
                + "apicurio.registry.auth.client.id=signstream\napicurio.registry.auth.client.secret=s3cret\n"),
                "regcred-oauth-" + System.nanoTime());
        assertThat(authorizations).contains(expected);
    }

    private static void forward(HttpClient upstream, URI registry, HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!Set.of("host", "connection", "content-length", "authorization", "expect", "upgrade")
                        .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
