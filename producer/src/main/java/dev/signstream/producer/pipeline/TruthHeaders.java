package dev.signstream.producer.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.signstream.synth.live.FrameTruth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds the ground-truth headers of a chunk from its frames' {@link FrameTruth}s (see
 * {@link ChunkHeaders} for the names). Stateless: the caller passes the last word index already
 * announced in {@link ChunkHeaders#TRUTH_GLOSSES}.
 */
public final class TruthHeaders {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final long startEpochMicros;
    private final double fps;
    private final Function<String, List<String>> sentenceGlosses;

    /** One sign's frames in a chunk, and the whole sign's extent in capture time. */
    record SignRange(long word, String gloss, int label, long startUs, long endUs, int from, int to) {
    }

    /** A sentence with a frame in a chunk. */
    record SentenceInfo(int index, String id, String text, List<String> glosses) {
    }

    /**
     * @param startEpochMicros capture time of the session's frame 0
     * @param fps              the session's frame rate (frame n was captured at start + n / fps)
     * @param sentenceGlosses  the gloss sequence of a sentence id
     */
    public TruthHeaders(long startEpochMicros, double fps, Function<String, List<String>> sentenceGlosses) {
        this.startEpochMicros = startEpochMicros;
        this.fps = fps;
        this.sentenceGlosses = sentenceGlosses;
    }

    /** The truth headers of a chunk holding {@code frames}; empty when the frames carry no truth. */
    public List<Header> headers(List<EncodedFrame> frames, long lastAnnouncedWord) {
        if (frames.isEmpty() || frames.get(0).truth() == null) {
            return List.of();
        }
        StringJoiner labels = new StringJoiner(",");
        StringJoiner glosses = new StringJoiner(" ");
        Map<Long, SignRange> signs = new LinkedHashMap<>();
        Map<Integer, SentenceInfo> sentences = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameTruth truth = frames.get(i).truth();
            if (truth == null) {
                throw new IllegalStateException("frame " + i + " of a chunk has no ground truth but the first has");
            }
            labels.add(Integer.toString(truth.labelId()));
            if (!truth.idle()) {
                SignRange known = signs.get(truth.wordIndex());
                if (known == null) {
                    signs.put(truth.wordIndex(), new SignRange(truth.wordIndex(), truth.label(), truth.labelId(),
                            captureOf(truth.signStartFrame()), captureOf(truth.signEndFrame()), i, i + 1));
                    if (truth.wordIndex() > lastAnnouncedWord) {
                        glosses.add(truth.label());
                    }
                } else {
                    signs.put(truth.wordIndex(), new SignRange(known.word(), known.gloss(), known.label(),
                            known.startUs(), known.endUs(), known.from(), i + 1));
                }
            }
            if (truth.sentenceId() != null && !sentences.containsKey(truth.sentenceIndex())) {
                sentences.put(truth.sentenceIndex(), new SentenceInfo(truth.sentenceIndex(), truth.sentenceId(),
                        truth.sentenceText(), sentenceGlosses.apply(truth.sentenceId())));
            }
        }
        List<Header> headers = new ArrayList<>(5);
        headers.add(header(ChunkHeaders.TRUTH_LABELS, labels.toString()));
        headers.add(header(ChunkHeaders.TRUTH_SIGNS, json(signs.values())));
        headers.add(header(ChunkHeaders.TRUTH_GLOSSES, glosses.toString()));
        StringJoiner ids = new StringJoiner(",");
        sentences.values().forEach(s -> ids.add(s.id()));
        headers.add(header(ChunkHeaders.TRUTH_SENTENCE_ID, ids.toString()));
        headers.add(header(ChunkHeaders.TRUTH_SENTENCES, json(sentences.values())));
        return headers;
    }

    /** The highest word index in {@code frames}, or {@code previous} if none is higher. */
    public static long lastWord(List<EncodedFrame> frames, long previous) {
        long last = previous;
        for (EncodedFrame frame : frames) {
            if (frame.truth() != null) {
                last = Math.max(last, frame.truth().wordIndex());
            }
        }
        return last;
    }

    private long captureOf(long frame) {
        return startEpochMicros + Math.round(frame * 1_000_000.0 / fps);
    }

    static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write truth header JSON: " + e.getMessage(), e);
        }
    }
}
