package dev.signstream.eval.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.eval.scoring.SessionTruth;
import dev.signstream.eval.scoring.TruthSign;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.schemas.avro.FrameChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Gathers one session's chunks, in partition order, into a {@link SessionRecord}: counts, capture
 * times, and the ground truth of the producer's headers ({@code docs/producer.md}): each sign's
 * gloss, first capture time and last frame's capture time, and the sentences it belongs to.
 * Not thread-safe.
 */
final class SessionRecordBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sign's pieces put together across chunks. */
    private static final class SignParts {
        final String gloss;
        final long startUs;
        long lastFrameUs = Long.MIN_VALUE;

        SignParts(String gloss, long startUs) {
            this.gloss = gloss;
            this.startUs = startUs;
        }
    }

    private final String sessionId;
    private final int partition;
    private final Map<Long, SignParts> signs = new TreeMap<>();
    private final Map<Integer, String> sentences = new TreeMap<>();
    private long chunks;
    private long frames;
    private long firstSeq = -1;
    private long lastSeq = -1;
    private long gaps;
    private boolean ended;
    private boolean afterEnd;
    private boolean labelled;
    private boolean unlabelledChunk;
    private long firstCaptureUs = Long.MAX_VALUE;
    private long lastCaptureUs = Long.MIN_VALUE;
    private float fps;
    private int width;
    private int height;
    private long droppedFrames;
    private String truthProblem;

    SessionRecordBuilder(String sessionId, int partition) {
        this.sessionId = sessionId;
        this.partition = partition;
    }

    void add(FrameChunk chunk, Headers headers) {
        chunks++;
        if (ended) {
            afterEnd = true;
        }
        if (firstSeq < 0) {
            firstSeq = chunk.getSeq();
        } else if (chunk.getSeq() > lastSeq + 1) {
            gaps += chunk.getSeq() - lastSeq - 1;
        }
        lastSeq = Math.max(lastSeq, chunk.getSeq());
        ended |= chunk.getLast();
        List<Long> times = chunk.getCaptureTimesUs();
        frames += times.size();
        if (!times.isEmpty()) {
            firstCaptureUs = Math.min(firstCaptureUs, times.get(0));
            lastCaptureUs = Math.max(lastCaptureUs, times.get(times.size() - 1));
        }
        fps = chunk.getFps();
        width = chunk.getWidth();
        height = chunk.getHeight();
        Header dropped = headers.lastHeader(ChunkHeaders.DROPPED);
        if (dropped != null) {
            try {
                droppedFrames += Long.parseLong(text(dropped).trim());
            } catch (NumberFormatException e) {
                truthProblem = "unreadable " + ChunkHeaders.DROPPED + " header in chunk " + chunk.getSeq() + ": '"
                        + text(dropped) + "'";
            }
        }
        if (headers.lastHeader(ChunkHeaders.TRUTH_LABELS) == null) {
            unlabelledChunk = true;
            return;
        }
        labelled = true;
        try {
            readSigns(headers.lastHeader(ChunkHeaders.TRUTH_SIGNS), times);
            readSentences(headers.lastHeader(ChunkHeaders.TRUTH_SENTENCES));
        } catch (IOException | RuntimeException e) {
            truthProblem = "unreadable truth header in chunk " + chunk.getSeq() + ": " + e.getMessage();
        }
    }

    private void readSigns(Header header, List<Long> times) throws IOException {
        if (header == null) {
            throw new IllegalArgumentException(ChunkHeaders.TRUTH_SIGNS + " is missing");
        }
        for (JsonNode sign : JSON.readTree(text(header))) {
            long word = sign.get("word").asLong();
            SignParts parts = signs.computeIfAbsent(word, w -> new SignParts(sign.get("gloss").asText(),
                    sign.get("start_us").asLong()));
            int to = sign.get("to").asInt();
            if (to < 1 || to > times.size()) {
                throw new IllegalArgumentException("sign " + word + " ends at frame " + to + " of a chunk of "
                        + times.size());
            }
            parts.lastFrameUs = Math.max(parts.lastFrameUs, times.get(to - 1));
        }
    }

    private void readSentences(Header header) throws IOException {
        if (header == null) {
            throw new IllegalArgumentException(ChunkHeaders.TRUTH_SENTENCES + " is missing");
        }
        for (JsonNode sentence : JSON.readTree(text(header))) {
            sentences.put(sentence.get("index").asInt(), sentence.get("id").asText());
        }
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    SessionRecord build() {
        Optional<SessionTruth> truth = Optional.empty();
        String exclusion = null;
        if (labelled && truthProblem == null) {
            List<TruthSign> list = new ArrayList<>(signs.size());
            signs.forEach((word, parts) -> list.add(new TruthSign(word, parts.gloss, parts.startUs, parts.lastFrameUs)));
            truth = Optional.of(SessionTruth.of(sessionId, list, new ArrayList<>(sentences.values())));
        }
        if (truthProblem != null) {
            exclusion = truthProblem;
        } else if (labelled && unlabelledChunk) {
            exclusion = "some chunks carry ground truth and some do not";
        } else if (firstSeq > 0) {
            exclusion = "starts before the replayed range (first chunk in it is seq " + firstSeq + ")";
        } else if (!ended) {
            exclusion = "has no last chunk in the replayed range";
        } else if (afterEnd) {
            exclusion = "has chunks after its last chunk (the session id was used twice)";
        } else if (gaps > 0) {
            exclusion = gaps + " chunk(s) missing (seq gaps)";
        }
        double video = frames == 0 ? 0 : (lastCaptureUs - firstCaptureUs) / 1e6 + (fps > 0 ? 1.0 / fps : 0);
        return new SessionRecord(sessionId, partition, chunks, frames, video, width, height, droppedFrames, truth,
                Optional.ofNullable(exclusion));
    }
}
