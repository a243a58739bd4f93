package dev.signstream.processor;

import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.schemas.KafkaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A processor instance in its own JVM, for the failover test to kill with SIGKILL. It runs the
 * same {@link ProcessorService} as {@code signstream process}, with its default settings.
 *
 * <p>Arguments: bootstrap servers, registry URL, topic prefix, model folder, state directory.
 */
public final class FailoverWorker {

    private FailoverWorker() {
    }

    /** The application id of the workers of one test run. */
    static String applicationId(String topicPrefix) {
        return "failover-" + topicPrefix;
    }

    public static void main(String[] args) throws Exception {
        KafkaSettings settings = KafkaSettings.parse(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", args[0],
                        KafkaSettings.REGISTRY_ENV, args[1],
                        KafkaSettings.TOPIC_PREFIX_ENV, args[2]),
                Optional.empty(), Optional.empty(),
                List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), StreamsConfig.configDef()));
        ProcessorOptions options = ProcessorOptions.defaults(Path.of(args[3]))
                .withApplicationId(applicationId(args[2]))
                .withStreamThreads(1)
                .withStateDir(Path.of(args[4]))
                // the test's producer pauses while a replacement JVM starts (a minute on a loaded
                // machine); this test is about failover, not about ending silent sessions
                .withRules(SessionRules.defaults().withIdleTimeout(Duration.ofMinutes(10)))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1))
                .withDecoderOverrides(LiveSessions.DECODER);
        ProcessorService service = ProcessorService.start(options, settings, new SimpleMeterRegistry());
        if (!service.runner().awaitRunning(Duration.ofSeconds(60))) {
            System.out.println("NOT RUNNING");
            System.exit(1);
        }
        System.out.println("RUNNING");
        System.out.flush();
        Thread.currentThread().join();
    }
}
