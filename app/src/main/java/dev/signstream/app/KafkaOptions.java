package dev.signstream.app;

import dev.signstream.schemas.ClusterCheck;
import dev.signstream.schemas.KafkaSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/**
 * The Kafka flags every role takes (a picocli mixin); a client properties file and the environment
 * fill what they leave out ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SIGNSTREAM_REGISTRY_URL},
 * {@code KAFKA_*} pass-through, registry credentials).
 */
final class KafkaOptions {

    /** Client settings a Kafka Streams role may be given through {@code KAFKA_*} variables. */
    static final List<ConfigDef> STREAMS_CLIENTS = List.of(StreamsConfig.configDef(), ConsumerConfig.configDef(),
            ProducerConfig.configDef(), AdminClientConfig.configDef());

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster; default: the client config's bootstrap.servers, else $KAFKA_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Apicurio registry API, e.g. http://localhost:8080/apis/registry/v2; default: $SIGNSTREAM_REGISTRY_URL.")
    String registryUrl;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) as the Kafka tools' "
                    + "--command-config reads them, and registry credentials (docs/security.md); wins over KAFKA_* variables.")
    Path clientConfig;

    /** The settings from these flags, the file and the environment; fails naming what is missing or malformed. */
    KafkaSettings settings(List<ConfigDef> clientConfigs) {
        return KafkaSettings.parse(System.getenv(), Optional.ofNullable(bootstrapServers), Optional.ofNullable(registryUrl),
                Optional.ofNullable(clientConfig), clientConfigs);
    }

    /**
     * Checks, before the role starts, that the cluster answers, accepts the credentials, and lets
     * this user do what the role needs with each topic (a clear message within seconds instead of
     * clients retrying for minutes).
     */
    static void check(KafkaSettings settings, Map<String, Set<AclOperation>> access) {
        ClusterCheck.verify(settings, access, ClusterCheck.DEFAULT_TIMEOUT);
    }
}
