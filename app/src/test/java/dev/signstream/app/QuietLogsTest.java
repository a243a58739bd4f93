package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application's logging (its own logback.xml, as `./signstream` runs) shows no warning a user
 * cannot act on: each one a normal run used to print is silenced, and a warning that matters still
 * comes through.
 */
class QuietLogsTest {

    @Test
    void warningsAUserCannotActOnAreNotShownAndOthersAre() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SignStream.class.getResource("/logback.xml"));
        ListAppender<ILoggingEvent> shown = new ListAppender<>();
        shown.setContext(context);
        shown.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(shown);

        // the warnings of a normal run that no one can act on
        context.getLogger("org.apache.kafka.clients.producer.internals.Sender").warn("Got error produce response with "
                + "correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}", 7, "words-0", 3,
                "CONCURRENT_TRANSACTIONS");
        context.getLogger("org.apache.kafka.clients.producer.internals.TransactionManager")
                .warn("[Producer] Got transaction error CONCURRENT_TRANSACTIONS, retrying");
        context.getLogger("io.apicurio.registry.client.common.DefaultVertxInstance")
                .warn("Using default shared Vertx instance.");
        context.getLogger("io.apicurio.registry.resolver.client.RegistryClientFacadeFactory")
                .warn("Using a deprecated version (2.x) of Apicurio Registry.");
        context.getLogger("org.apache.kafka.streams.processor.internals.StateDirectory")
                .warn("Using an OS temp directory in the state.dir property can cause failures");
        context.getLogger("ai.djl.onnxruntime.engine.OrtEngine").warn("CUDA is not supported OnnxRuntime engine");
        context.getLogger("org.apache.kafka.streams.StreamsConfig").warn("Processing exception handler is not enabled");
        assertThat(shown.list).isEmpty();

        // and ones that matter still show
        context.getLogger("org.apache.kafka.clients.producer.internals.Sender").warn("Got error produce response with "
                + "correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}", 8, "words-0", 3,
                "NOT_ENOUGH_REPLICAS");
        context.getLogger("dev.signstream.schemas.TopicProvisioner").warn("topic signstream.frames already exists ...");
        assertThat(shown.list).extracting(ILoggingEvent::getLoggerName).isEqualTo(List.of(
                "org.apache.kafka.clients.producer.internals.Sender", "dev.signstream.schemas.TopicProvisioner"));
        context.stop();
    }
}
