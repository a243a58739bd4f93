package dev.signstream.service;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes records a processor rejects with {@link RejectedRecordException} to the dead-letter topic
 * (with the raw source bytes Kafka Streams keeps for error handlers) and continues. Any other
 * exception is a bug or an outage: it is logged and stops the client, so it cannot go unnoticed.
 * Installed by {@link StreamsConfigs}; configured as described in {@link DeadLetterWriter}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> configs) {
        writer = DeadLetterWriter.fromConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        if (!(error instanceof RejectedRecordException rejected)) {
            LOG.error("{}-{}@{}: processor {} failed; stopping", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), error);
            return Response.fail();
        }
        LOG.warn("{}-{}@{}: record rejected at {} and sent to {}: {}", context.topic(), context.partition(),
                context.offset(), rejected.stage(), writer.topic(), rejected.getMessage());
        return Response.resume(List.of(writer.record(context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), rejected.stage(), rejected)));
    }
}
