package dev.signstream.bench.pipeline;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;

/**
 * Where a benchmark runs: a cluster given by its settings, or the embedded stack (a broker in this
 * JVM and an Apicurio registry in a child JVM) started for the run. Each run uses its own topics
 * (a prefix of its own), so runs on one cluster never mix.
 */
public final class BenchCluster implements AutoCloseable {

    private final KafkaSettings settings;
    private final EmbeddedKafkaStack embedded;
    /** Replicas of the benchmark's topics on a real cluster: one, as on a development cluster. */
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    private final short replicationFactor;

    private BenchCluster(KafkaSettings settings, EmbeddedKafkaStack embedded, short replicationFactor) {
        this.settings = settings;
        this.embedded = embedded;
        this.replicationFactor = replicationFactor;
    }

    /** The given cluster (its topics get {@code replicationFactor} replicas), or the embedded stack when empty. */
    public static BenchCluster of(Optional<KafkaSettings> cluster, short replicationFactor) {
        TopicProvisioner.checkReplicationFactor(replicationFactor);
        if (cluster.isPresent()) {
            return new BenchCluster(cluster.get(), null, replicationFactor);
        }
        EmbeddedKafkaStack stack = EmbeddedKafkaStack.start();
        return new BenchCluster(new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(),
                TopicNames.defaults()), stack, (short) 1);
    }

    /** Settings for a run whose topics all start with {@code prefix}; the topics are created. */
    public KafkaSettings topics(String prefix, int partitions) {
        KafkaSettings run = settings.withTopics(TopicNames.withPrefix(prefix));
        try (Admin admin = Admin.create(run.adminConfig())) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(run.topics(), partitions, replicationFactor),
                    Duration.ofSeconds(60));
        }
        return run;
    }

    public KafkaSettings settings() {
        return settings;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** The embedded registry's process (its CPU time counts as the platform's). */
    public OptionalLong registryPid() {
        return embedded == null ? OptionalLong.empty() : OptionalLong.of(embedded.registryPid());
    }

    public String describe() {
        return embedded == null ? "cluster " + settings.bootstrapServers()
                : "embedded broker (this JVM) and registry (child JVM, pid " + embedded.registryPid() + ")";
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
