package dev.signstream.sink.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A local web server of fixed files (the player page, hls.js, the video), on 127.0.0.1. */
final class StaticSite implements AutoCloseable {

    private record File(byte[] body, String type) {
    }

    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();

    StaticSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            File file = files.get(exchange.getRequestURI().getPath());
            byte[] body = file == null ? "not found".getBytes(StandardCharsets.UTF_8) : file.body();
            exchange.getResponseHeaders().add("Content-Type", file == null ? "text/plain" : file.type());
            exchange.sendResponseHeaders(file == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    StaticSite put(String path, byte[] body, String type) {
        files.put(path, new File(body, type));
        return this;
    }

    StaticSite put(String path, String body, String type) {
        return put(path, body.getBytes(StandardCharsets.UTF_8), type);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
