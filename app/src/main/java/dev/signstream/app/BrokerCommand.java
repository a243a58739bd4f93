package dev.signstream.app;

import dev.signstream.embedded.EmbeddedKafkaStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream broker}: a real Kafka broker and schema registry on this machine. */
@Command(name = "broker",
        header = "A Kafka broker and a schema registry on this machine, until Ctrl-C.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Kafka broker and a schema registry on this machine until Ctrl-C.",
            "The broker runs in-process (KRaft), the Apicurio registry in a child JVM, both on 127.0.0.1.",
            "For development and demos; production points the roles at a real cluster."
        })
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", defaultValue = "0", description = "Kafka client port; 0 picks a free one (default).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0", description = "Registry HTTP port; 0 picks a free one (default).")
    int registryPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkPort("--kafka-port", kafkaPort);
        checkPort("--registry-port", registryPort);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start(
                new EmbeddedKafkaStack.Options(kafkaPort, registryPort, Map.of()))) {
            out.printf("Kafka broker:     %s%n", stack.bootstrapServers());
            out.printf("Schema registry:  %s%n", stack.registryUrl());
            out.printf("  (Confluent-compatible API: %s)%n", stack.ccompatUrl());
            out.printf("For the other roles:%n  export KAFKA_BOOTSTRAP_SERVERS=%s SIGNSTREAM_REGISTRY_URL=%s%n",
                    stack.bootstrapServers(), stack.registryUrl());
            out.printf("Ready in %.1f s. Ctrl-C stops.%n", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
            out.flush();
            Shutdown.await();
            out.println("Stopping broker and registry...");
            out.flush();
        }
        return 0;
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be 0-65535, not " + port);
        }
    }
}
