package dev.signstream.processor;

import dev.signstream.service.RejectedRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Refuses a chunk whose key is not on the partition Java's default partitioner (murmur2) puts it
 * on. A producer with another partitioner (librdkafka's default, e.g. kcat's, is consistent_random)
 * sends one session to two partitions; two tasks would then each run half of the session and each
 * end it. Such chunks become dead letters at stage {@value #STAGE} before they change any state.
 *
 * <p>The check needs the frames topic's partition count when the processor started; a record on a
 * partition beyond it (the topic grew since) is not judged.
 */
final class PartitionCheck {

    static final String STAGE = "partition";

    private final String topic;
    private final int partitions;

    /**
     * @param topic the frames topic, for messages
     * @param partitions its partition count; 0 or less turns the check off
     */
    PartitionCheck(String topic, int partitions) {
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The partition Java's default partitioner gives a key among {@code partitions}. */
    static int murmur2Partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** @throws RejectedRecordException when the key belongs on another partition */
    void check(String key, int partition) {
        if (partitions <= 0 || key == null || partition < 0 || partition >= partitions) {
            return;
        }
        int expected = murmur2Partition(key, partitions);
        if (expected != partition) {
            throw new RejectedRecordException(STAGE, "key '" + key + "' is on partition " + partition + " of "
                    + topic + " but Java's default partitioner (murmur2) puts it on partition " + expected + " of "
                    + partitions + ": the producer partitions differently (librdkafka and kcat: set "
                    + "partitioner=murmur2_random), so the session would be split across tasks");
        }
    }
}
