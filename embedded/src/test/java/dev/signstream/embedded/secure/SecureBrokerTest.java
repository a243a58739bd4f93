package dev.signstream.embedded.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured broker: SCRAM over TLS, mutual TLS, ACLs per role, credential files. */
class SecureBrokerTest {

    @TempDir
    static Path temp;
    private static EmbeddedKafkaBroker broker;
    private static SecureCredentials credentials;

    @BeforeAll
    static void start() throws Exception {
        BrokerSecurity security = BrokerSecurity.create(temp.resolve("keys"), RoleAcls.defaults());
        broker = EmbeddedKafkaBroker.start(0, Map.of(), Optional.of(security));
        credentials = security.writeCredentials(temp.resolve("creds"), broker.bootstrapServers(),
                broker.tlsBootstrapServers().orElseThrow());
        try (Admin admin = Admin.create(settings(credentials.properties(Role.ADMIN)))) {
            admin.createTopics(List.of(new NewTopic("signstream.words", 1, (short) 1),
                    new NewTopic("signstream.frames", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> settings(Path file) {
        return new HashMap<>(SecureCredentials.load(file));
    }

    @Test
    void theSinkReadsWhatTheAdminWroteOverScramAndOverMutualTls() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings(credentials.properties(Role.ADMIN)),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("signstream.words", "s1", "hello")).get(30, TimeUnit.SECONDS);
        }
        for (Path file : List.of(credentials.properties(Role.SINK), credentials.mtlsProperties(Role.SINK))) {
            assertThat(readOne(settings(file), "signstream.words")).isEqualTo("hello");
        }
    }

    @Test
    void theProducerMayNeitherReadNorWriteWords() {
        Map<String, Object> producerSettings = settings(credentials.properties(Role.PRODUCER));
        assertThatThrownBy(() -> readOne(producerSettings, "signstream.words"))
                .isInstanceOf(TopicAuthorizationException.class).hasMessageContaining("signstream.words");
        producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("signstream.words", "s1", "x")).get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void onlyTheAdminCreatesTopics() {
        for (Role role : List.of(Role.PRODUCER, Role.PROCESSOR, Role.SINK)) {
            try (Admin admin = Admin.create(settings(credentials.properties(role)))) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("signstream.other", 1, (short) 1)))
                        .all().get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = settings(credentials.properties(Role.SINK));
        config.put("sasl.jaas.config", String.valueOf(config.get("sasl.jaas.config")).replaceAll("password=\"[^\"]*\"",
                "password=\"wrong\""));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void credentialFilesHoldStandardClientKeysAndAreOwnerOnly() throws Exception {
        Set<String> standard = new HashSet<>(ProducerConfig.configNames());
        standard.addAll(ConsumerConfig.configNames());
        standard.addAll(AdminClientConfig.configNames());
        for (Role role : Role.values()) {
            for (Path file : List.of(credentials.properties(role), credentials.mtlsProperties(role))) {
                assertThat(standard).containsAll(SecureCredentials.load(file).keySet());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        }
        assertThat(Files.readString(credentials.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private static String readOne(Map<String, Object> config, String topic) {
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "signstream-sink");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("nothing read from " + topic);
    }
}
