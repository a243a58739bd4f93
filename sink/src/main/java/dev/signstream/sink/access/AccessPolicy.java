package dev.signstream.sink.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a request to what it needs. The caption server's rule, deny by default:
 *
 * <ul>
 *   <li>open: {@code /health}, {@code /metrics}, CORS preflights ({@code OPTIONS}) and the overlay's
 *       web font under {@code /fonts/} (a public asset the page loads without its token);</li>
 *   <li>{@code /sessions/{id}} and every path below it ({@code /events}, {@code /captions.vtt}, and
 *       any feed added later): a token for that session;</li>
 *   <li>{@code /overlay?session=ID}: a token for that session;</li>
 *   <li>anything else ({@code /sessions}, unknown paths): an operator token.</li>
 * </ul>
 */
@FunctionalInterface
public interface AccessPolicy {

    /**
     * What the request needs.
     *
     * @param method the HTTP method
     * @param path the request path (still percent-encoded)
     * @param queryParam the request's query parameters by name (null when absent)
     */
    Requirement requirementFor(String method, String path, Function<String, String> queryParam);

    /** The caption server's policy. */
    static AccessPolicy captions() {
        Set<String> open = Set.of("/health", "/metrics");
        return (method, path, query) -> {
            if ("OPTIONS".equals(method) || open.contains(path) || path.startsWith("/fonts/")) {
                return Requirement.OPEN;
            }
            if (path.startsWith("/sessions/")) {
                String rest = path.substring("/sessions/".length());
                int slash = rest.indexOf('/');
                String id = decode(slash < 0 ? rest : rest.substring(0, slash));
                return id.isEmpty() ? Requirement.OPERATOR : new Requirement.Session(id);
            }
            if (path.equals("/overlay")) {
                String session = query.apply("session");
                return session == null || session.isBlank() ? Requirement.OPERATOR : new Requirement.Session(session);
            }
            return Requirement.OPERATOR;
        };
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
