package dev.signstream.sink.view;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * One row of {@code GET /sessions}.
 *
 * @param sessionId the session
 * @param finalSentences how many final sentences the view holds
 * @param lastText the latest line's text, or null
 * @param updatedAt when the view last changed the session (wall clock), ISO-8601 in JSON
 */
public record SessionSummary(String sessionId, int finalSentences, String lastText,
                             @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt) {
}
