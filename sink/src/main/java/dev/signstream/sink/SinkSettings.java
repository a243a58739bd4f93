package dev.signstream.sink;

import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.format.LayoutRules;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.sentence.SentenceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sink role needs besides the Kafka settings.
 *
 * @param applicationId Kafka Streams {@code application.id}; sink instances with the same id share
 *     the sentence building
 * @param httpHost address the caption server binds
 * @param httpPort its port (0 picks a free one)
 * @param sentences how sentences are cut
 * @param viewRetention how long the caption view keeps a quiet session nobody watches
 * @param stateDir Kafka Streams state directory, or empty for the Streams default
 * @param layout readability rules of every caption format (line length, reading speed)
 * @param hls the live HLS subtitle rendition
 * @param access the caption server's tokens, CORS origins, HTTPS and bounds
 */
public record SinkSettings(String applicationId, String httpHost, int httpPort, SentenceSettings sentences,
                           Duration viewRetention, Optional<Path> stateDir, LayoutRules layout, HlsSettings hls,
                           HttpAccess access) {

    /** Default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "signstream-sink";
    /** Default address the caption server binds: every interface. */
    public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
    /** Default caption server port. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Default caption view retention. */
    public static final Duration DEFAULT_VIEW_RETENTION = Duration.ofHours(6);

    /** The defaults, listening on {@code port} of every interface, Streams state in its default place. */
    public static SinkSettings defaults(int port) {
        return new SinkSettings(DEFAULT_APPLICATION_ID, DEFAULT_HTTP_HOST, port, SentenceSettings.defaults(),
                DEFAULT_VIEW_RETENTION, Optional.empty());
    }

    /** The settings with the default caption layout and HLS rendition and an open caption server. */
    public SinkSettings(String applicationId, String httpHost, int httpPort, SentenceSettings sentences,
                        Duration viewRetention, Optional<Path> stateDir) {
        this(applicationId, httpHost, httpPort, sentences, viewRetention, stateDir, LayoutRules.defaults(),
                HlsSettings.defaults(), HttpAccess.open());
    }

    /** The same settings with another caption layout and HLS rendition. */
    public SinkSettings withCaptions(LayoutRules newLayout, HlsSettings newHls) {
        return new SinkSettings(applicationId, httpHost, httpPort, sentences, viewRetention, stateDir, newLayout, newHls,
                access);
    }

    /** The same settings with another caption server protection. */
    public SinkSettings withAccess(HttpAccess newAccess) {
        return new SinkSettings(applicationId, httpHost, httpPort, sentences, viewRetention, stateDir, layout, hls,
                newAccess);
    }

    public SinkSettings {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(sentences, "sentences");
        Objects.requireNonNull(viewRetention, "viewRetention");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(hls, "hls");
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("the application id must not be blank");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("the HTTP port must be 0-65535, not " + httpPort);
        }
        if (viewRetention.isNegative() || viewRetention.isZero()) {
            throw new IllegalArgumentException("the view retention must be positive, not " + viewRetention);
        }
    }
}
