package dev.signstream.sink.view;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;

/**
 * A session's captions at one moment.
 *
 * @param sessionId the session
 * @param finals final sentences in index order
 * @param current the latest line (the open sentence's partial, or the last final), or null
 * @param updatedAt when the view last changed the session (wall clock), ISO-8601 in JSON
 */
public record SessionSnapshot(String sessionId, List<CaptionLine> finals, CaptionLine current,
                              @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt) {

    public SessionSnapshot {
        finals = List.copyOf(finals);
    }
}
