package dev.signstream.embedded.junit;

import dev.signstream.embedded.KafkaStack;

/**
 * Decides whether containers can run, without loading Testcontainers when it is not on the class
 * path (it is an optional dependency).
 */
final class ContainerSupport {

    private ContainerSupport() {
    }

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerSupport.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return false;
        }
        return ContainerKafkaStack.dockerAvailable();
    }

    static KafkaStack start() {
        return ContainerKafkaStack.start();
    }
}
