package dev.signstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final List<ConfigDef> CLIENTS =
            List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());
    private static final String REGISTRY = "http://registry:8080/apis/registry/v2";

    @Test
    void kafkaVariablesPassThroughToTheClients() {
        KafkaSettings settings = KafkaSettings.parse(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_LINGER_MS", "5",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY,
                "PATH", "/usr/bin"), Optional.empty(), Optional.empty(), CLIENTS);

        assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(settings.registryUrl()).isEqualTo(REGISTRY);
        assertThat(settings.clientConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "5")
                .containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .doesNotContainKey("heap.opts");
        assertThat(settings.topics()).isEqualTo(TopicNames.defaults());
        // an admin client gets the shared settings but not a producer's
        assertThat(settings.adminConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .doesNotContainKey("linger.ms");
    }

    @Test
    void flagsWinOverTheEnvironment() {
        KafkaSettings settings = KafkaSettings.parse(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "env:9092", "SIGNSTREAM_REGISTRY_URL", REGISTRY),
                Optional.of("flag:9093"), Optional.of("https://other/apis/registry/v2"), CLIENTS);
        assertThat(settings.bootstrapServers()).isEqualTo("flag:9093");
        assertThat(settings.registryUrl()).isEqualTo("https://other/apis/registry/v2");
    }

    @Test
    void missingOrMalformedValuesFailWithTheirName() {
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("SIGNSTREAM_REGISTRY_URL", REGISTRY),
                Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "nohostport",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("nohostport");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092"),
                Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("SIGNSTREAM_REGISTRY_URL");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "SIGNSTREAM_REGISTRY_URL", "registry:8080"), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("SIGNSTREAM_REGISTRY_URL");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY, "KAFKA_LINGER_MS", "soon"), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_LINGER_MS").hasMessageContaining("soon");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY, "KAFKA_ACKS", "some"), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_ACKS");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY, "KAFKA_NO_SUCH_THING", "1"), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("KAFKA_NO_SUCH_THING");
    }

    @Test
    void aClientConfigFileWinsOverTheEnvironmentAndFlagsWinOverTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("sink.properties");
        java.nio.file.Files.writeString(file, String.join("\n",
                "bootstrap.servers=file:9093",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sink\" password=\"pw-123\";",
                "basic.auth.user.info=reader:reg-secret"));
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT",
                "SIGNSTREAM_REGISTRY_URL", REGISTRY);

        KafkaSettings fromFile = KafkaSettings.parse(env, Optional.empty(), Optional.empty(), Optional.of(file), CLIENTS);
        assertThat(fromFile.bootstrapServers()).isEqualTo("file:9093");
        assertThat(fromFile.clientConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("basic.auth.user.info");
        assertThat(fromFile.registryProperties()).containsEntry("apicurio.registry.auth.username", "reader")
                .containsEntry("apicurio.registry.auth.password", "reg-secret");
        assertThat(fromFile.principalName()).contains("sink");
        assertThat(fromFile.toString()).doesNotContain("pw-123").doesNotContain("reg-secret");

        KafkaSettings flag = KafkaSettings.parse(env, Optional.of("flag:9094"), Optional.empty(), Optional.of(file), CLIENTS);
        assertThat(flag.bootstrapServers()).isEqualTo("flag:9094");
    }

    @Test
    void aBadClientConfigFileFailsNamingTheFileAndKeyButNeverASecret(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SIGNSTREAM_REGISTRY_URL", REGISTRY);
        java.nio.file.Path missing = dir.resolve("none.properties");
        assertThatThrownBy(() -> KafkaSettings.parse(env, Optional.empty(), Optional.empty(), Optional.of(missing), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("none.properties");
        java.nio.file.Path unknown = dir.resolve("unknown.properties");
        java.nio.file.Files.writeString(unknown, "no.such.setting=1\n");
        assertThatThrownBy(() -> KafkaSettings.parse(env, Optional.empty(), Optional.empty(), Optional.of(unknown), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("unknown.properties")
                .hasMessageContaining("no.such.setting");
        java.nio.file.Path bearer = dir.resolve("bearer.properties");
        java.nio.file.Files.writeString(bearer, "bearer.auth.token=abc\n");
        assertThatThrownBy(() -> KafkaSettings.parse(env, Optional.empty(), Optional.empty(), Optional.of(bearer), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("token endpoint");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SIGNSTREAM_REGISTRY_URL",
                REGISTRY, "SIGNSTREAM_REGISTRY_USERNAME", "only-user"), Optional.empty(), Optional.empty(), CLIENTS))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("SIGNSTREAM_REGISTRY_PASSWORD");
    }
}
