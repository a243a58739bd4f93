package dev.signstream.producer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.live.FrameTruth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {

    private static final ChunkFormat FORMAT = new ChunkFormat("s1", 112, 112, FrameEncoding.JPEG, 15f, "synthetic", "test");
    private static final ChunkBudget ROOMY = ChunkBudget.of(1 << 20, 1 << 20);

    private static EncodedFrame frame(long capture, int bytes) {
        return new EncodedFrame(new byte[bytes], capture, null);
    }

    private static String header(OutgoingChunk chunk, String name) {
        for (Header header : chunk.headers()) {
            if (header.key().equals(name)) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void groupsFramesIntoChunksWithContiguousSeqAndALastChunk() {
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 3, ROOMY, null);
        List<OutgoingChunk> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            if (assembler.add(frame(1000 + i, 10), 0)) {
                out.addAll(assembler.flush(false, 0));
            }
        }
        out.addAll(assembler.flush(true, 0));

        assertThat(out).extracting(c -> c.value().getSeq()).containsExactly(0L, 1L, 2L);
        assertThat(out).extracting(c -> c.value().getFrames().size()).containsExactly(3, 3, 1);
        assertThat(out).extracting(c -> c.value().getLast()).containsExactly(false, false, true);
        assertThat(out.get(1).value().getCaptureTimesUs()).containsExactly(1003L, 1004L, 1005L);
        assertThat(out.get(0).key()).isEqualTo("s1");
        assertThatThrownBy(() -> assembler.add(frame(2000, 1), 0)).hasMessageContaining("last chunk");
    }

    @Test
    void theEndOfAStreamWithNothingPendingIsAnEmptyLastChunk() {
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 2, ROOMY, null);
        assembler.add(frame(1, 10), 0);
        assembler.add(frame(2, 10), 0);
        assembler.flush(false, 0);

        List<OutgoingChunk> end = assembler.flush(true, 0);

        assertThat(end).hasSize(1);
        assertThat(end.get(0).value().getSeq()).isEqualTo(1);
        assertThat(end.get(0).value().getFrames()).isEmpty();
        assertThat(end.get(0).value().getLast()).isTrue();
    }

    @Test
    void dropsAreCountedOnTheNextChunk() {
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 2, ROOMY, null);
        assembler.add(frame(1, 10), 0);
        assembler.add(frame(5, 10), 3);
        OutgoingChunk first = assembler.flush(false, 0).get(0);
        assembler.add(frame(6, 10), 0);
        OutgoingChunk last = assembler.flush(true, 2).get(0);

        assertThat(header(first, ChunkHeaders.DROPPED)).isEqualTo("3");
        assertThat(header(last, ChunkHeaders.DROPPED)).isEqualTo("2");
    }

    @Test
    void aChunkOverTheBudgetIsSplitAndASingleFrameOverItIsRefused() {
        ChunkBudget budget = ChunkBudget.of(10_000, 20_000);
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 8, budget, null);
        for (int i = 0; i < 8; i++) {
            assembler.add(frame(i + 1, 2_000), 0);
        }

        List<OutgoingChunk> out = assembler.flush(true, 0);

        assertThat(out).extracting(c -> c.value().getFrames().size()).containsExactly(4, 4);
        assertThat(out).extracting(c -> c.value().getSeq()).containsExactly(0L, 1L);
        assertThat(out).extracting(c -> c.value().getLast()).containsExactly(false, true);
        for (OutgoingChunk chunk : out) {
            assertThat(ChunkBudget.recordBound(FORMAT, List.of(), chunk.headers())
                    + chunk.value().getFrames().size() * (20L + 2_000)).isLessThanOrEqualTo(10_000);
        }

        ChunkAssembler tooBig = new ChunkAssembler(FORMAT, 8, budget, null);
        tooBig.add(frame(1, 12_000), 0);
        assertThatThrownBy(() -> tooBig.flush(false, 0)).isInstanceOf(ChunkTooLargeException.class)
                .hasMessageContaining("takes 12000 bytes")
                .hasMessageContaining("10000 bytes (producer max.request.size 10000, topic max.message.bytes 20000)");
    }

    @Test
    void captureTimesMustIncrease() {
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 8, ROOMY, null);
        assembler.add(frame(10, 1), 0);
        assertThatThrownBy(() -> assembler.add(frame(10, 1), 0)).hasMessageContaining("must increase");
    }

    @Test
    void truthHeadersDescribeLabelsSignsGlossesAndSentences() throws Exception {
        // Given frames 0-5 of a session at 15 fps from t=0: idle, sign 0 (frames 1-3), sign 1 (frames 4-9)
        TruthHeaders truth = new TruthHeaders(0, 15, id -> List.of("병원", "가다"));
        ChunkAssembler assembler = new ChunkAssembler(FORMAT, 3, ROOMY, truth);
        List<FrameTruth> truths = List.of(
                idle(0),
                sign(1, "병원", 7, 0, 1, 4), sign(2, "병원", 7, 0, 1, 4), sign(3, "병원", 7, 0, 1, 4),
                sign(4, "가다", 3, 1, 4, 10), sign(5, "가다", 3, 1, 4, 10));
        List<OutgoingChunk> out = new ArrayList<>();
        for (FrameTruth t : truths) {
            if (assembler.add(new EncodedFrame(new byte[] {1}, t.captureMicros(), t), 0)) {
                out.addAll(assembler.flush(false, 0));
            }
        }

        // Then each chunk carries its frames' labels and the signs with their frame ranges
        assertThat(header(out.get(0), ChunkHeaders.TRUTH_LABELS)).isEqualTo("0,7,7");
        assertThat(header(out.get(1), ChunkHeaders.TRUTH_LABELS)).isEqualTo("7,3,3");
        ObjectMapper json = new ObjectMapper();
        JsonNode signs = json.readTree(header(out.get(1), ChunkHeaders.TRUTH_SIGNS));
        assertThat(signs).hasSize(2);
        assertThat(json.convertValue(signs.get(1), Map.class)).containsEntry("word", 1).containsEntry("gloss", "가다")
                .containsEntry("label", 3).containsEntry("from", 1).containsEntry("to", 3)
                .containsEntry("start_us", 266_667).containsEntry("end_us", 666_667);
        // a gloss is announced once, in the chunk where the sign first appears
        assertThat(header(out.get(0), ChunkHeaders.TRUTH_GLOSSES)).isEqualTo("병원");
        assertThat(header(out.get(1), ChunkHeaders.TRUTH_GLOSSES)).isEqualTo("가다");
        assertThat(header(out.get(0), ChunkHeaders.TRUTH_SENTENCE_ID)).isEqualTo("s01");
        JsonNode sentences = json.readTree(header(out.get(0), ChunkHeaders.TRUTH_SENTENCES));
        assertThat(sentences.get(0).get("text").asText()).isEqualTo("병원에 가요");
        assertThat(sentences.get(0).get("glosses").toString()).isEqualTo("[\"병원\",\"가다\"]");
    }

    private static long capture(long frame) {
        return Math.round(frame * 1_000_000.0 / 15);
    }

    private static FrameTruth idle(long frame) {
        return new FrameTruth("s1", frame, capture(frame), "<idle>", 0, -1, -1, -1, "s01", 0, "병원에 가요", false);
    }

    private static FrameTruth sign(long frame, String gloss, int label, long word, long start, long end) {
        return new FrameTruth("s1", frame, capture(frame), gloss, label, word, start, end, "s01", 0, "병원에 가요", false);
    }
}
