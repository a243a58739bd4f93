package dev.signstream.service;

import dev.signstream.schemas.RegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be deserialized becomes a {@code DeadLetter} with the stage
 * {@value #STAGE} on the dead-letter topic, and processing continues with the next record. A
 * schema registry that cannot be reached is an outage, not a bad record: it stops the client.
 * Installed by {@link StreamsConfigs}; configured as described in {@link DeadLetterWriter}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Stage name in the dead letters this handler writes. */
    public static final String STAGE = "deserialize";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> configs) {
        writer = DeadLetterWriter.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        if (error instanceof RegistryUnavailableException) {
            // not the record's fault: dead-lettering would empty the topic into the dead letters
            LOG.error("{}-{}@{}: {}; stopping", record.topic(), record.partition(), record.offset(), error.getMessage());
            return Response.fail();
        }
        LOG.warn("{}-{}@{}: unreadable record sent to {}: {}", record.topic(), record.partition(), record.offset(),
                writer.topic(), error.toString());
        return Response.resume(List.of(writer.record(record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), STAGE, error)));
    }
}
