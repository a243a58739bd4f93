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

/** First contact with an address that does not answer fails fast, naming the address. */
@WithKafka
class ReachabilityTest {

    @Test
    void aClusterAndARegistryThatAnswerPass(KafkaStack stack) {
        Reachability.check(settings(stack.bootstrapServers(), stack.registryUrl()));
    }

    @Test
    void anUnreachableBrokerIsNamedWithinItsTimeout(KafkaStack stack) throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        long started = System.nanoTime();
        assertThatThrownBy(() -> Reachability.checkKafka(settings(nobody, stack.registryUrl()), Duration.ofSeconds(3)))
                .isInstanceOf(Reachability.UnreachableException.class)
                .hasMessageStartingWith("cannot reach the Kafka cluster at " + nobody + " within 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
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
