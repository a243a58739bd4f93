package dev.signstream.embedded.junit;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.embedded.KafkaStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a {@link KafkaStack} parameter: one broker and one registry shared by every test of
 * the JVM, stopped when the JVM's tests end. With a Docker engine it runs the {@code apache/kafka}
 * and Apicurio images (Testcontainers); without one, the embedded broker and registry.
 * {@code SIGNSTREAM_TEST_STACK=embedded} forces the embedded ones.
 */
public final class SharedKafkaExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(SharedKafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StackResource.class, type -> new StackResource(startStack()), StackResource.class)
                .stack;
    }

    private static KafkaStack startStack() {
        if (!"embedded".equals(System.getenv("SIGNSTREAM_TEST_STACK")) && ContainerSupport.dockerAvailable()) {
            LOG.info("Docker answers: running Kafka and the registry in containers");
            return ContainerSupport.start();
        }
        return EmbeddedKafkaStack.start();
    }

    /** Closed by JUnit when the root context ends, i.e. after the last test of the JVM. */
    private static final class StackResource implements AutoCloseable {
        private final KafkaStack stack;

        StackResource(KafkaStack stack) {
            this.stack = stack;
        }

        @Override
        public void close() throws Exception {
            if (stack instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
