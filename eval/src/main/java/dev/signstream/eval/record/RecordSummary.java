package dev.signstream.eval.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a recording wrote.
 *
 * @param topic        the recording topic
 * @param sessions     sessions recorded
 * @param frames       frames acknowledged by Kafka
 * @param chunks       chunks acknowledged by Kafka
 * @param bytes        serialized value bytes acknowledged
 * @param videoSeconds recorded video, seconds (frames over their sessions' frame rates)
 * @param seconds      wall time of the recording
 */
public record RecordSummary(String topic, int sessions, long frames, long chunks, long bytes, double videoSeconds,
                            double seconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of JSON with every field. */
    public String toJsonLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("sessions", sessions);
        fields.put("frames", frames);
        fields.put("chunks", chunks);
        fields.put("bytes", bytes);
        fields.put("video_seconds", Math.round(videoSeconds * 10) / 10.0);
        fields.put("seconds", Math.round(seconds * 10) / 10.0);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }
}
