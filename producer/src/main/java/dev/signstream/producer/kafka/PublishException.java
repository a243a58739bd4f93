package dev.signstream.producer.kafka;

/** Kafka did not take a chunk: after its retries, or because it refused the record outright. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
