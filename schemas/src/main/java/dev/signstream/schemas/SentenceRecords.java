package dev.signstream.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What the sentences topic holds besides {@code Sentence} values: when the sink has applied a
 * session's {@code SESSION_END}, it writes one <b>end marker</b> for the session after its last
 * final sentence, in the same transaction: key = session id, <b>null value</b>, header
 * {@value #SESSION_END} = {@code true}. Readers of the topic skip null values (or use them, as
 * the caption view does to end a session's live HLS playlist).
 */
public final class SentenceRecords {

    /** Header of a session's end marker. */
    public static final String SESSION_END = "signstream.session-end";
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);

    private SentenceRecords() {
    }

    /** The headers of an end marker. */
    public static Headers endMarkerHeaders() {
        return new RecordHeaders().add(SESSION_END, TRUE.clone());
    }

    /** Whether a record with these headers and a null value is a session's end marker. */
    public static boolean isEndMarker(Headers headers, Object value) {
        if (value != null || headers == null) {
            return false;
        }
        Header header = headers.lastHeader(SESSION_END);
        return header != null && header.value() != null
                && "true".equals(new String(header.value(), StandardCharsets.UTF_8));
    }
}
