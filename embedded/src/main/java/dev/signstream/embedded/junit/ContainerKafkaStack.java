package dev.signstream.embedded.junit;

import dev.signstream.embedded.KafkaStack;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka ({@code apache/kafka}, KRaft) and Apicurio Registry in containers, the same versions the
 * embedded mode runs.
 */
final class ContainerKafkaStack implements KafkaStack, AutoCloseable {

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerKafkaStack(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerKafkaStack start() {
        Properties versions = new Properties();
        try (var in = ContainerKafkaStack.class.getResourceAsStream("/signstream-embedded.properties")) {
            versions.load(in);
        } catch (Exception e) {
            throw new IllegalStateException("signstream-embedded.properties unreadable", e);
        }
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(
                "apache/kafka:" + versions.getProperty("apicurio.registry.kafka.version")))
                .withNetwork(network);
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(
                "apicurio/apicurio-registry-mem:" + versions.getProperty("apicurio.registry.version")))
                .withNetwork(network)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200));
        kafka.start();
        registry.start();
        return new ContainerKafkaStack(network, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    private String baseUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080);
    }

    @Override
    public String registryUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    @Override
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
