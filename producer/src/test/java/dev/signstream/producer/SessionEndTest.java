package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.OutgoingChunk;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.schemas.avro.FrameChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every session ends with one last chunk, and that chunk carries the session's final frames. */
class SessionEndTest {

    private static final ChunkBudget BUDGET = ChunkBudget.of(1 << 20, 1 << 20);

    @TempDir
    Path dir;

    private static Map<String, List<FrameChunk>> bySession(List<OutgoingChunk> sent) {
        Map<String, List<FrameChunk>> sessions = new LinkedHashMap<>();
        for (OutgoingChunk chunk : sent) {
            sessions.computeIfAbsent(chunk.key(), k -> new ArrayList<>()).add(chunk.value());
        }
        return sessions;
    }

    @Test
    void aFileEndingOnAChunkBoundaryPutsLastOnItsFinalFullChunk() throws Exception {
        // Given 32 frames at 30 fps: 16 sampled frames, exactly two chunks of 8
        Path file = TestVideos.indexedMp4(dir.resolve("two-chunks.mp4"), 320, 240, 30, 32);
        List<OutgoingChunk> sent = Collections.synchronizedList(new ArrayList<>());
        try (FrameProducer producer = FrameProducer.open(SourceSpec.parse("file:" + file),
                ProduceSettings.defaults("edge"), new ProducerStats(), new FailureLatch())) {
            producer.start(sent::add, BUDGET);
            assertThat(producer.awaitEnd(Duration.ofSeconds(60))).isTrue();
            assertThat(producer.failure()).isNull();
        }

        assertThat(sent).extracting(c -> c.value().getFrames().size()).containsExactly(8, 8);
        assertThat(sent).extracting(c -> c.value().getLast()).containsExactly(false, true);
    }

    @Test
    void stoppedLiveSessionsEndWithAFinalFrameInTheirLastChunk() throws Exception {
        List<OutgoingChunk> sent = Collections.synchronizedList(new ArrayList<>());
        try (FrameProducer producer = FrameProducer.open(SourceSpec.parse("synthetic"),
                ProduceSettings.defaults("stop").withSessions(3), new ProducerStats(), new FailureLatch())) {
            producer.start(sent::add, BUDGET);
            Thread.sleep(1500);
            producer.stop();
            assertThat(producer.failure()).isNull();
        }

        Map<String, List<FrameChunk>> sessions = bySession(sent);
        assertThat(sessions).containsOnlyKeys("stop-0000", "stop-0001", "stop-0002");
        sessions.forEach((session, chunks) -> {
            for (int i = 0; i < chunks.size(); i++) {
                assertThat(chunks.get(i).getSeq()).isEqualTo(i);
                assertThat(chunks.get(i).getLast()).as("%s chunk %d", session, i).isEqualTo(i == chunks.size() - 1);
            }
            assertThat(chunks.get(chunks.size() - 1).getFrames()).as("frames in %s's last chunk", session).isNotEmpty();
        });
    }
}
