package dev.signstream.schemas;

import com.microsoft.kiota.ApiException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Checks the Confluent wire format (magic byte 0, a 4-byte schema id, Avro binary) before the
 * registry's deserializer reads a value, and turns every way a value can be unreadable into an
 * {@link UnreadableRecordException} whose message names the fault. A {@code null} value (a
 * tombstone) stays {@code null}: whether one is acceptable is the consumer's decision. A registry
 * that cannot be reached is a {@link RegistryUnavailableException}: an outage, not a bad record.
 *
 * @param <T> the record type
 */
final class WireFormatDeserializer<T> implements Deserializer<T> {

    /** Magic byte, then the 4-byte schema id. */
    static final int HEADER_BYTES = 5;

    private final Deserializer<T> delegate;
    private final String registryUrl;
    private final String typeName;

    WireFormatDeserializer(Deserializer<T> delegate, String registryUrl, String typeName) {
        this.delegate = delegate;
        this.registryUrl = registryUrl;
        this.typeName = typeName;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        int schemaId = schemaId(data);
        try {
            return headers == null ? delegate.deserialize(topic, data) : delegate.deserialize(topic, headers, data);
        } catch (RuntimeException e) {
            throw classify(e, schemaId, data.length);
        }
    }

    /**
     * The schema id of a value in the Confluent wire format.
     *
     * @throws UnreadableRecordException when the value is not in that format
     */
    static int schemaId(byte[] data) {
        if (data.length == 0) {
            throw new UnreadableRecordException("empty value (0 bytes): not a record in the Confluent wire format");
        }
        if (data[0] != 0) {
            throw new UnreadableRecordException(String.format(Locale.ROOT,
                    "not in the Confluent wire format (first byte 0x%02x, expected 0)", data[0] & 0xff));
        }
        if (data.length < HEADER_BYTES) {
            throw new UnreadableRecordException("not in the Confluent wire format (" + data.length
                    + " bytes; a magic byte and a 4-byte schema id come first)");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    private RuntimeException classify(RuntimeException error, int schemaId, int length) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                int status = api.getResponseStatusCode();
                if (status == 404) {
                    return new UnreadableRecordException("schema id " + schemaId + " unknown to the registry");
                }
                return new RegistryUnavailableException("the schema registry at " + registryUrl + " answered HTTP "
                        + status + " for schema id " + schemaId, error);
            }
            if (isNetworkFailure(t)) {
                return new RegistryUnavailableException("cannot reach the schema registry at " + registryUrl + ": "
                        + DeadLetters.describe(t), error);
            }
            if (t instanceof EOFException || t instanceof BufferUnderflowException) {
                return new UnreadableRecordException("Avro record truncated: " + (length - HEADER_BYTES)
                        + " bytes after the header do not hold a whole " + typeName + " of schema id " + schemaId);
            }
            if (t instanceof AvroRuntimeException || t instanceof IndexOutOfBoundsException
                    || t instanceof NegativeArraySizeException) {
                return new UnreadableRecordException("Avro record malformed for " + typeName + " of schema id "
                        + schemaId + ": " + DeadLetters.describe(t), error);
            }
        }
        return new UnreadableRecordException("unreadable " + typeName + " of schema id " + schemaId + ": "
                + DeadLetters.describe(error), error);
    }

    /** A failure to talk to the registry (not a fault of the record). */
    private static boolean isNetworkFailure(Throwable t) {
        String name = t.getClass().getName();
        return t instanceof SocketException || t instanceof UnknownHostException
                || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                || t instanceof TimeoutException || name.startsWith("io.netty.") || name.startsWith("io.vertx.");
    }

    @Override
    public void close() {
        delegate.close();
    }
}
