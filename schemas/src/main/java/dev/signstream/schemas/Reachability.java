package dev.signstream.schemas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * First contact: every role asks the Kafka cluster and the schema registry for an answer before it
 * starts anything, so an address that is wrong or down ends the role within seconds with a message
 * naming it, instead of a client retrying forever (or giving up a minute later with a raw timeout).
 */
public final class Reachability {

    /** How long the cluster may take to answer. */
    public static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    /** How long the registry may take to answer. */
    public static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private Reachability() {
    }

    /**
     * Checks both addresses of the settings.
     *
     * @throws UnreachableException naming the address that did not answer
     */
    public static void check(KafkaSettings settings) {
        checkKafka(settings, KAFKA_TIMEOUT);
        checkRegistry(settings.registryUrl(), REGISTRY_TIMEOUT);
    }

    /**
     * The cluster answers a metadata request within the timeout. When no bootstrap server even
     * accepts a connection (refused, unknown host) that is said at once, without waiting out the
     * timeout.
     */
    public static void checkKafka(KafkaSettings settings, Duration timeout) {
        List<String> refusals = new ArrayList<>();
        for (String server : settings.bootstrapServers().split(",")) {
            String refusal = refusal(server.trim(), timeout);
            if (refusal == null) {
                break;
            }
            refusals.add(refusal);
        }
        if (refusals.size() == settings.bootstrapServers().split(",").length) {
            throw new UnreachableException("cannot reach the Kafka cluster at " + settings.bootstrapServers() + " ("
                    + String.join("; ", refusals) + "); check --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS", null);
        }
        Map<String, Object> config = settings.adminConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "signstream-reachability");
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while contacting the Kafka cluster at "
                    + settings.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnreachableException("cannot reach the Kafka cluster at " + settings.bootstrapServers()
                    + " within " + timeout.toSeconds() + " s (" + rootMessage(e)
                    + "); check --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS", e);
        }
    }

    /** The registry answers HTTP within the timeout (any status: it is there). */
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
                    + timeout.toSeconds() + " s (" + describe(e) + "); check --registry-url / "
                    + KafkaSettings.REGISTRY_ENV, e);
        }
    }

    /** Why a TCP connection to host:port fails, or null when it opens. */
    private static String refusal(String hostPort, Duration timeout) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return hostPort + ": " + describe(e);
        }
    }

    private static String describe(IOException e) {
        String text = rootMessage(e);
        return text.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + text;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Thrown when the cluster or the registry does not answer; the message names the address. */
    public static final class UnreachableException extends IllegalStateException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
