package dev.signstream.sink.access;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How the caption server protects itself: tokens (none: open, and it says so loudly at start-up),
 * the browser origins allowed to call it cross-site (CORS; none by default), HTTPS, and bounds on
 * event streams and connections.
 *
 * @param tokens the token signer and checker; empty leaves every endpoint open
 * @param corsOrigins origins (e.g. {@code https://player.example.com}) that may call the server from a browser
 * @param https a keystore for HTTPS; empty serves plain HTTP
 * @param streams bounds on open event streams
 * @param maxConnections most open connections; further clients wait in the accept queue
 */
public record HttpAccess(Optional<CaptionTokens> tokens, List<String> corsOrigins, Optional<HttpsKeystore> https,
                         StreamLimits streams, int maxConnections) {

    /** Default bound on connections: the event streams plus room for every other request. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2000;

    public HttpAccess {
        Objects.requireNonNull(tokens, "tokens");
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(streams, "streams");
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s]+") && !origin.equals("null")) {
                throw new IllegalArgumentException("CORS origin '" + origin
                        + "' must be an origin: scheme://host[:port], no path");
            }
        }
        if (maxConnections <= streams.total()) {
            throw new IllegalArgumentException("max connections (" + maxConnections
                    + ") must exceed max streams (" + streams.total() + "), or idle streams could take every connection");
        }
    }

    /** Open, no CORS, plain HTTP, default bounds (tests and development). */
    public static HttpAccess open() {
        return new HttpAccess(Optional.empty(), List.of(), Optional.empty(), StreamLimits.defaults(),
                DEFAULT_MAX_CONNECTIONS);
    }

    /** The same with tokens checked. */
    public HttpAccess withTokens(CaptionTokens signer) {
        return new HttpAccess(Optional.of(signer), corsOrigins, https, streams, maxConnections);
    }

    /** The scheme clients use. */
    public String scheme() {
        return https.isPresent() ? "https" : "http";
    }

    /**
     * Installs the token filter, CORS, HTTPS and the connection bound on a server being configured.
     *
     * @param config the server's configuration
     * @param host the address to bind (used for the HTTPS connector)
     * @param port the port (used for the HTTPS connector)
     * @param policy what each request needs
     */
    public void install(JavalinConfig config, String host, int port, AccessPolicy policy) {
        tokens.ifPresent(t -> new AccessFilter(t, policy).install(config));
        if (!corsOrigins.isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                corsOrigins.forEach(origin -> rule.allowHost(origin));
                rule.exposeHeader("WWW-Authenticate");
            }));
        }
        https.ifPresent(keystore -> config.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePath(keystore.file().toAbsolutePath().toString());
            ssl.setKeyStorePassword(keystore.password());
            HttpConfiguration secure = new HttpConfiguration(httpConfig);
            // a certificate for a name, reached by IP on a LAN or through a proxy: do not refuse on SNI
            secure.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(secure));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        }));
        config.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(maxConnections, server)));
    }
}
