package dev.signstream.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.eval.scoring.SessionTruth;
import dev.signstream.eval.scoring.TruthSign;
import dev.signstream.producer.pipeline.ChunkAssembler;
import dev.signstream.producer.pipeline.ChunkBudget;
import dev.signstream.producer.pipeline.ChunkFormat;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.producer.pipeline.EncodedFrame;
import dev.signstream.producer.pipeline.OutgoingChunk;
import dev.signstream.producer.pipeline.TruthHeaders;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.live.FrameTruth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The truth a replay reads back from chunks whose headers the producer's own {@link TruthHeaders}
 * wrote, and why a session cut by the range or by gaps is left out of the score.
 */
class SessionRecordBuilderTest {

    private static final long START = 1_700_000_000_000_000L;
    private static final double FPS = 15;

    private static long capture(int frame) {
        return START + Math.round(frame * 1e6 / FPS);
    }

    /** 13 frames, chunks of 4: sign "a" on frames 2-5 and "b" on 8-10, both in sentence s1. */
    private static List<OutgoingChunk> sentenceChunks(boolean labelled) {
        TruthHeaders headers = labelled ? new TruthHeaders(START, FPS, id -> List.of("a", "b")) : null;
        ChunkAssembler assembler = new ChunkAssembler(new ChunkFormat("s", 4, 4, FrameEncoding.RAW_RGB24, (float) FPS,
                "test", "test"), 4, ChunkBudget.of(1 << 20, 1 << 20), headers);
        List<OutgoingChunk> chunks = new ArrayList<>();
        int frames = 13;
        for (int i = 0; i < frames; i++) {
            boolean last = i == frames - 1;
            boolean inA = i >= 2 && i < 6;
            boolean inB = i >= 8 && i < 11;
            boolean inSentence = i >= 2 && i < 11;
            FrameTruth truth = new FrameTruth("s", i, capture(i), inA ? "a" : inB ? "b" : "<idle>", inA ? 1 : inB ? 2 : 0,
                    inA ? 0 : inB ? 1 : -1, inA ? 2 : inB ? 8 : -1, inA ? 6 : inB ? 11 : -1,
                    inSentence ? "s1" : null, inSentence ? 0 : -1, inSentence ? "a b." : null, last);
            boolean full = assembler.add(new EncodedFrame(new byte[48], capture(i), labelled ? truth : null, last), 0);
            if (last) {
                chunks.addAll(assembler.flush(true, 0));
            } else if (full) {
                chunks.addAll(assembler.flush(false, 0));
            }
        }
        return chunks;
    }

    private static SessionRecord build(List<OutgoingChunk> chunks) {
        SessionRecordBuilder builder = new SessionRecordBuilder("s", 3);
        for (OutgoingChunk chunk : chunks) {
            builder.add(chunk.value(), new RecordHeaders(chunk.headers()));
        }
        return builder.build();
    }

    @Test
    void theProducersHeadersGiveBackEverySignWithItsLastFrame() {
        SessionRecord record = build(sentenceChunks(true));

        assertThat(record.scored()).isTrue();
        assertThat(record.chunks()).isEqualTo(4);
        assertThat(record.frames()).isEqualTo(13);
        assertThat(record.videoSeconds()).isCloseTo(13 / FPS, org.assertj.core.data.Offset.offset(1e-5));
        SessionTruth truth = record.truth().orElseThrow();
        assertThat(truth.kind()).isEqualTo(SessionTruth.Kind.SENTENCE);
        assertThat(truth.sentences()).containsExactly("s1");
        assertThat(truth.signs()).containsExactly(new TruthSign(0, "a", capture(2), capture(5)),
                new TruthSign(1, "b", capture(8), capture(10)));
    }

    @Test
    void sessionsCutByTheRangeOrByGapsAreLeftOutWithTheReason() {
        List<OutgoingChunk> chunks = sentenceChunks(true);
        assertThat(build(chunks.subList(1, chunks.size())).exclusion()).hasValueSatisfying(
                reason -> assertThat(reason).contains("starts before the replayed range"));
        assertThat(build(chunks.subList(0, chunks.size() - 1)).exclusion()).hasValueSatisfying(
                reason -> assertThat(reason).contains("no last chunk"));
        List<OutgoingChunk> gap = new ArrayList<>(chunks);
        gap.remove(1);
        assertThat(build(gap).exclusion()).hasValueSatisfying(reason -> assertThat(reason).contains("1 chunk(s) missing"));
        List<OutgoingChunk> twice = new ArrayList<>(chunks);
        twice.addAll(chunks);
        assertThat(build(twice).exclusion()).hasValueSatisfying(reason -> assertThat(reason).contains("used twice"));
    }

    @Test
    void droppedFramesAreCountedAndAnUnreadableCountIsAReasonNotAZero() {
        List<OutgoingChunk> chunks = sentenceChunks(true);
        SessionRecordBuilder counted = new SessionRecordBuilder("s", 0);
        SessionRecordBuilder broken = new SessionRecordBuilder("s", 0);
        for (int i = 0; i < chunks.size(); i++) {
            RecordHeaders headers = new RecordHeaders(chunks.get(i).headers());
            RecordHeaders bad = new RecordHeaders(chunks.get(i).headers());
            if (i == 1) {
                headers.add(ChunkHeaders.DROPPED, "3".getBytes(StandardCharsets.UTF_8));
                bad.add(ChunkHeaders.DROPPED, "three".getBytes(StandardCharsets.UTF_8));
            }
            counted.add(chunks.get(i).value(), headers);
            broken.add(chunks.get(i).value(), bad);
        }
        assertThat(counted.build().droppedFrames()).isEqualTo(3);
        assertThat(counted.build().scored()).isTrue();
        assertThat(broken.build().exclusion()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("unreadable signstream.producer.dropped header in chunk 1"));
    }

    @Test
    void aSessionWithoutTruthHeadersIsCountedButNotScored() {
        SessionRecord record = build(sentenceChunks(false));
        assertThat(record.truth()).isEmpty();
        assertThat(record.exclusion()).isEmpty();
        assertThat(record.scored()).isFalse();
        assertThat(record.frames()).isEqualTo(13);
    }
}
