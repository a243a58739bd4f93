package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.OutgoingChunk;
import dev.signstream.producer.pipeline.ProducerStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when the transport cannot keep up: live sources drop the oldest frames, files wait. */
class BackPressureTest {

    private static final ChunkBudget BUDGET = ChunkBudget.of(1 << 20, 1 << 20);

    @TempDir
    Path dir;

    @Test
    void aLiveSourceDropsTheOldestFramesCountsThemAndSaysSoInTheNextChunk() throws Exception {
        // Given a synthetic camera whose sink is stuck for the first 1.5 s
        CountDownLatch release = new CountDownLatch(1);
        List<OutgoingChunk> sent = Collections.synchronizedList(new ArrayList<>());
        ProducerStats stats = new ProducerStats();
        ProduceSettings settings = ProduceSettings.defaults("live").withQueueFrames(8);
        try (FrameProducer producer = FrameProducer.open(SourceSpec.parse("synthetic"), settings, stats, new FailureLatch())) {
            producer.start(chunk -> {
                release.await();
                sent.add(chunk);
            }, BUDGET);
            Thread.sleep(1500);
            release.countDown();
            Thread.sleep(1000);
            producer.stop();
            assertThat(producer.failure()).isNull();
        }

        // Then frames were dropped and counted, and the count travels in the chunk after the gap
        long dropped = stats.snapshot().framesDropped();
        assertThat(dropped).isPositive();
        long announced = 0;
        List<Long> times = new ArrayList<>();
        for (OutgoingChunk chunk : sent) {
            for (Header header : chunk.headers()) {
                if (header.key().equals(ChunkHeaders.DROPPED)) {
                    announced += Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            times.addAll(chunk.value().getCaptureTimesUs());
        }
        assertThat(announced).isEqualTo(dropped);
        // every rendered frame was either sent or dropped: the sent ones span exactly that many 1/15 s slots
        assertThat(times.size() + dropped).isEqualTo(stats.snapshot().framesCaptured());
        assertThat(slot(times.get(times.size() - 1), times.get(0)) + 1).isEqualTo(times.size() + dropped);
        // the oldest went: chunk 0 (frames 0-7) was stuck in the sink, the queue held the newest 8,
        // so the next chunk starts right after the dropped run
        assertThat(sent.get(0).value().getFrames()).hasSize(8);
        assertThat(slot(sent.get(1).value().getCaptureTimesUs().get(0), times.get(0))).isEqualTo(8 + dropped);
        assertThat(sent.get(sent.size() - 1).value().getLast()).isTrue();
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).value().getSeq()).isEqualTo(i);
        }
    }

    /** Which 1/15 s slot of the session a synthetic capture time is. */
    private static long slot(long capture, long first) {
        return Math.round((capture - first) * 15 / 1e6);
    }

    @Test
    void aFileWaitsForASlowSinkAndLosesNothing() throws Exception {
        // Given a 2 s file and a sink that takes 100 ms per chunk, with room for only 2 frames
        Path file = TestVideos.indexedMp4(dir.resolve("slow.mp4"), 320, 240, 30, 60);
        List<OutgoingChunk> sent = Collections.synchronizedList(new ArrayList<>());
        ProducerStats stats = new ProducerStats();
        ProduceSettings settings = ProduceSettings.defaults("file").withQueueFrames(2);
        try (FrameProducer producer = FrameProducer.open(SourceSpec.parse("file:" + file), settings, stats,
                new FailureLatch())) {
            producer.start(chunk -> {
                TimeUnit.MILLISECONDS.sleep(100);
                sent.add(chunk);
            }, BUDGET);
            assertThat(producer.awaitEnd(Duration.ofSeconds(60))).isTrue();
            assertThat(producer.failure()).isNull();
        }

        // Then all 30 sampled frames arrive and none was dropped
        assertThat(stats.snapshot().framesDropped()).isZero();
        assertThat(sent.stream().mapToInt(c -> c.value().getFrames().size()).sum()).isEqualTo(30);
        assertThat(sent.get(sent.size() - 1).value().getLast()).isTrue();
    }
}
