package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * First contact with an address that does not answer fails fast, naming the address: a Kafka address
 * nobody listens on at once, one that accepts connections but never answers within the timeout, a
 * registry that refuses at once.
 */
@WithKafka
class ReachabilityTest {

    @Test
    void aClusterAndARegistryThatAnswerPass(KafkaStack stack) {
        Reachability.check(settings(stack.bootstrapServers(), stack.registryUrl()));
    }

    @Test
    void aBrokerAddressWhereNothingListensIsNamedAtOnce(KafkaStack stack) throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        long started = System.nanoTime();
        assertThatThrownBy(() -> ClusterCheck.verify(settings(nobody, stack.registryUrl()), Map.of(),
                Duration.ofSeconds(15)))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("cannot reach the Kafka cluster at " + nobody + " (" + nobody
                        + ": ConnectException: Connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aListenerThatIsNoKafkaBrokerIsNamedWithinTheTimeout(KafkaStack stack) throws Exception {
        // Given a port that accepts connections and never answers (a firewall, a wrong service)
        try (ServerSocket silent = new ServerSocket(0)) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            assertThatThrownBy(() -> ClusterCheck.verify(settings(address, stack.registryUrl()), Map.of(),
                    Duration.ofSeconds(2)))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("no answer from Kafka at " + address + " within 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void anUnreachableRegistryIsNamed(KafkaStack stack) throws Exception {
        String nobody = "http://127.0.0.1:" + freePort() + "/apis/registry/v2";
        assertThatThrownBy(() -> Reachability.check(settings(stack.bootstrapServers(), nobody)))
                .isInstanceOf(Reachability.UnreachableException.class)
                .hasMessageStartingWith("cannot reach the schema registry at " + nobody)
                .hasMessageContaining("ConnectException");
    }

    private static KafkaSettings settings(String bootstrap, String registry) {
        return KafkaSettings.parse(Map.of(), Optional.of(bootstrap), Optional.of(registry),
                List.of(ConsumerConfig.configDef()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
