package dev.signstream.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.schemas.avro.FrameEncoding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The load target: 50 synthetic sessions keep 15 fps each with the broker on the same machine. */
@Tag("soak")
class ProducerSoakTest {

    @Test
    void fiftySyntheticSessionsKeepFifteenFramesPerSecond() throws Exception {
        ProducerBenchmark.Result result = ProducerBenchmark.run(50, 60, 112, FrameEncoding.JPEG);
        ProducerBenchmark.print(result, 112, FrameEncoding.JPEG);

        assertThat(result.minFps()).as("slowest session's frames per second").isGreaterThanOrEqualTo(14.5);
        assertThat(result.renderLateP99Ms()).as("p99 ms a camera started a frame late").isLessThan(250);
        assertThat(result.ackDelayP99Ms()).as("p99 ms from a chunk's last capture to Kafka's ack").isLessThan(1000);
        assertThat(result.dropped()).as("frames dropped of %d", result.framesSent())
                .isLessThanOrEqualTo(result.framesSent() / 100);
    }
}
