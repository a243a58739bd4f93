package dev.signstream.sink.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: commands to one page target,
 * answers matched by id. Enough to navigate, evaluate JavaScript and take screenshots.
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private DevTools(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the first page target of a browser. */
    static DevTools connectToPage(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body());
        String url = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                url = target.get("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (url == null) {
            throw new IllegalStateException("no page target in " + targets);
        }
        DevTools[] holder = new DevTools[1];
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(url), new Listener(holder)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        holder[0] = new DevTools(socket);
        return holder[0];
    }

    /** Sends a command and waits for its result; a protocol error becomes an exception. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value as a string. */
    String evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    /** A PNG screenshot of the viewport. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private void answer(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> waiting = pending.remove(message.get("id").asInt());
            if (waiting != null) {
                waiting.complete(message);
            }
        }
    }

    /** Reassembles text frames into messages. */
    private static final class Listener implements WebSocket.Listener {
        private final DevTools[] owner;
        private final StringBuilder partial = new StringBuilder();

        Listener(DevTools[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    if (owner[0] != null) {
                        owner[0].answer(JSON.readTree(text));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
