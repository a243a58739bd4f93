package dev.signstream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The backlog's session ids land where Kafka's producer puts them; configurations parse or say why not. */
class BacklogBenchTest {

    @Test
    void partitionOfIsTheProducersPartitionForAKey() {
        for (int i = 0; i < 1_000; i++) {
            String key = "bench-backlog-1234abcd-" + i;
            for (int partitions : new int[] {1, 3, 4, 12}) {
                assertThat(BacklogBench.partitionOf(key, partitions)).as(key)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void configurationsAreThreadsTimesBatch() {
        assertThat(BacklogOptions.Config.parse("2x1")).isEqualTo(new BacklogOptions.Config(2, 1));
        assertThat(BacklogOptions.Config.parse(" 4X8 ")).isEqualTo(new BacklogOptions.Config(4, 8));
        assertThatThrownBy(() -> BacklogOptions.Config.parse("2-1")).hasMessageContaining("THREADSxBATCH");
        assertThatThrownBy(() -> BacklogOptions.Config.parse("0x1")).hasMessageContaining(">= 1");
    }
}
