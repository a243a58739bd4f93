package dev.signstream.schemas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * First contact, for every role as a library starts it (processor, sink, producer, recorder, replay
 * evaluation; the commands also check their topic access first): the Kafka cluster
 * ({@link ClusterCheck}) and the schema registry must answer before anything starts, so an address
 * that is wrong or down ends the role within seconds with a message naming it, instead of a client
 * retrying forever (or giving up a minute later with a raw timeout).
 */
public final class Reachability {

    /** How long the registry may take to answer. */
    public static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private Reachability() {
    }

    /**
     * Checks both addresses of the settings.
     *
     * @throws ClusterAccessException naming the Kafka address that did not answer
     * @throws UnreachableException naming the registry that did not answer
     */
    public static void check(KafkaSettings settings) {
        ClusterCheck.verify(settings, Map.of(), ClusterCheck.DEFAULT_TIMEOUT);
        checkRegistry(settings.registryUrl(), REGISTRY_TIMEOUT);
    }

    /** The registry answers HTTP within the timeout (any status, 401 included: it is there). */
    public static void checkRegistry(String registryUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl)).timeout(timeout).GET().build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while contacting the schema registry at " + registryUrl, e);
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the schema registry at " + registryUrl + " within "
                    + timeout.toSeconds() + " s (" + describe(e) + "); check the registry URL ("
                    + KafkaSettings.REGISTRY_ENV + ")", e);
        }
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : root.getMessage();
        return text.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + text;
    }

    /** Thrown when the registry does not answer; the message names its address. */
    public static final class UnreachableException extends IllegalStateException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
