package dev.signstream.processor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when the processors have caught up after a kill: every frame chunk written before the kill
 * has its input offset committed by the application's group, and every word of those transactions
 * is readable by a {@code read_committed} consumer (a transaction the dead instance left open holds
 * the words partition's last stable offset back until the broker aborts it).
 */
final class ResumeProbe implements AutoCloseable {

    /** What had been written when the instance was killed. */
    record Mark(long nanos, Map<TopicPartition, Long> framesEnd, List<TopicPartition> pending) {
    }

    private final Admin admin;
    private final String groupId;
    private final String framesTopic;
    private final String wordsTopic;

    ResumeProbe(String bootstrapServers, String groupId, String framesTopic, String wordsTopic) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.groupId = groupId;
        this.framesTopic = framesTopic;
        this.wordsTopic = wordsTopic;
    }

    /**
     * Called right after the kill: the frames written so far, and the partitions whose chunks were
     * not all processed (committed) then. Nothing pending: the kill moved no unfinished work.
     */
    Mark mark(long killedAtNanos) throws Exception {
        Map<TopicPartition, Long> end = offsets(framesTopic, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> committed = committed();
        List<TopicPartition> pending = end.entrySet().stream()
                .filter(e -> committed.getOrDefault(e.getKey(), 0L) < e.getValue()).map(Map.Entry::getKey).toList();
        return new Mark(killedAtNanos, end, pending);
    }

    /**
     * Waits until the work pending at the mark is committed and its words are readable.
     *
     * @return the time from the kill to then
     */
    Duration awaitResumed(Mark mark, Duration timeout, Runnable meanwhile) throws Exception {
        long deadline = mark.nanos() + timeout.toNanos();
        Map<TopicPartition, Long> wordsEnd = null;
        while (System.nanoTime() < deadline) {
            if (wordsEnd == null) {
                Map<TopicPartition, Long> committed = committed();
                if (mark.framesEnd().entrySet().stream()
                        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    wordsEnd = offsets(wordsTopic, IsolationLevel.READ_UNCOMMITTED);
                }
            }
            if (wordsEnd != null) {
                Map<TopicPartition, Long> stable = offsets(wordsTopic, IsolationLevel.READ_COMMITTED);
                Map<TopicPartition, Long> written = wordsEnd;
                if (written.entrySet().stream().allMatch(e -> stable.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    return Duration.ofNanos(System.nanoTime() - mark.nanos());
                }
            }
            meanwhile.run();
            Thread.sleep(50);
        }
        throw new AssertionError("the work of the killed instance did not resume within " + timeout.toSeconds() + " s");
    }

    private Map<TopicPartition, Long> committed() throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> group = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        group.forEach((tp, offset) -> {
            if (tp.topic().equals(framesTopic) && offset != null) {
                offsets.put(tp, offset.offset());
            }
        });
        return offsets;
    }

    private Map<TopicPartition, Long> offsets(String topic, IsolationLevel isolation) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get()
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
