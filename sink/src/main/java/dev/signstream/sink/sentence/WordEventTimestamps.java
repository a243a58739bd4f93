package dev.signstream.sink.sentence;

import dev.signstream.schemas.avro.WordEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a word event: the capture time of the frame at which the sign was decided, in
 * milliseconds. Stream time therefore follows the cameras' clocks, not when records were written,
 * and a replay at any speed sees the same times. Events without a usable time (a SESSION_END
 * without one, a malformed word that the builder will dead-letter) keep the partition's time, so
 * they never move stream time and are never dropped for a negative timestamp.
 */
public final class WordEventTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof WordEvent word && word.getLastFrameTimeUs() > 0) {
            return word.getLastFrameTimeUs() / 1000;
        }
        if (partitionTime >= 0) {
            return partitionTime;
        }
        return Math.max(0, record.timestamp());
    }
}
