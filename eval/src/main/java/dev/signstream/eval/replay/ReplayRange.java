package dev.signstream.eval.replay;

import dev.signstream.schemas.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The part of a frames topic a replay evaluates: per partition, offsets {@code [start, end)}. The
 * end is the topic's end when the replay starts; records written later are not evaluated.
 *
 * @param topic the frames topic
 * @param from  the time the range starts at (record timestamps), or empty for the beginning
 * @param start first offset per partition
 * @param end   offset after the last evaluated record, per partition
 */
public record ReplayRange(String topic, Optional<Instant> from, Map<Integer, Long> start, Map<Integer, Long> end) {

    public ReplayRange {
        start = Map.copyOf(new TreeMap<>(start));
        end = Map.copyOf(new TreeMap<>(end));
        if (!start.keySet().equals(end.keySet())) {
            throw new IllegalArgumentException("start and end name different partitions: " + start.keySet() + " vs "
                    + end.keySet());
        }
    }

    /**
     * The range of {@code topic} from {@code from} (or its beginning) to its end now.
     *
     * @throws IllegalArgumentException when the topic does not exist
     */
    public static ReplayRange resolve(Admin admin, String topic, Optional<Instant> from, Duration timeout) {
        try {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new IllegalArgumentException("frames topic '" + topic + "' does not exist", e);
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> first = new HashMap<>();
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                latest.put(tp, OffsetSpec.latest());
                first.put(tp, from.isPresent() ? OffsetSpec.forTimestamp(from.get().toEpochMilli()) : OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(first).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> startOffsets = new HashMap<>();
            Map<Integer, Long> endOffsets = new HashMap<>();
            for (TopicPartition tp : latest.keySet()) {
                long endOffset = ends.get(tp).offset();
                long startOffset = starts.get(tp).offset();
                // no record at or after the time: nothing of this partition is in the range
                startOffsets.put(tp.partition(), startOffset < 0 ? endOffset : Math.min(startOffset, endOffset));
                endOffsets.put(tp.partition(), endOffset);
            }
            return new ReplayRange(topic, from, startOffsets, endOffsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of topic " + topic + ": " + DeadLetters.describe(e), e);
        }
    }

    /** Records in the range. */
    public long records() {
        long records = 0;
        for (Map.Entry<Integer, Long> e : start.entrySet()) {
            records += end.get(e.getKey()) - e.getValue();
        }
        return records;
    }

    /** The partitions of the topic. */
    public List<TopicPartition> partitions() {
        return start.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
    }
}
