package dev.signstream.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.eval.metrics.WordErrorRate;
import dev.signstream.producer.pipeline.ChunkHeaders;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the demo's topics on one thread: frames (only their ground-truth headers and capture
 * times), words (for the score and the latencies) and sentences (printed as live captions, and the
 * latency of the final ones). Reads committed records only, as any downstream consumer would. The
 * latencies are those docs/latency.md defines: sign end to word and to final caption (from the
 * producer's truth), decision to word, to final caption and to the first HLS subtitle segment (the
 * sink's HLS rendition reports each sentence's first segment: {@link #segmentPublished}).
 */
final class DemoScoreboard implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoScoreboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintWriter out;
    private final boolean printCaptions;
    private final Map<String, SessionScore> sessions = new LinkedHashMap<>();
    private final List<Long> decisionToWordMs = new ArrayList<>();
    private final List<Long> signEndToWordMs = new ArrayList<>();
    private final List<Long> signEndToFinalCaptionMs = new ArrayList<>();
    private final List<Long> decisionToFinalCaptionMs = new ArrayList<>();
    private final List<Long> decisionToSegmentMs = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set once the summary is due: captions the sink still finishes then are not printed after it. */
    private volatile boolean captionsStopped;

    DemoScoreboard(Map<String, Object> clientConfig, Topics topics, PrintWriter out, boolean printCaptions) {
        this.topics = topics;
        this.out = out;
        this.printCaptions = printCaptions;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("group.id", "signstream-demo-scoreboard");
        config.put("auto.offset.reset", "earliest");
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this, "demo-scoreboard");
        this.thread.setDaemon(true);
    }

    void start() {
        consumer.subscribe(Set.of(topics.frames().name(), topics.words().name(), topics.sentences().name()));
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        handle(record);
                    } catch (RuntimeException e) {
                        // the processor and the sink dead-letter such records; the score just skips them
                        LOG.warn("{}-{}@{}: record not scored: {}", record.topic(), record.partition(), record.offset(),
                                DeadLetters.describe(e));
                    }
                }
            }
        } catch (WakeupException stop) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the demo scoreboard stopped", e);
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (record.value() == null) {
            if (topic.equals(topics.sentences().name())) {
                return; // a session's end marker: the words topic already said the session ended
            }
            throw new IllegalArgumentException("tombstone (null value)");
        }
        if (topic.equals(topics.frames().name())) {
            onFrames(record);
        } else if (topic.equals(topics.words().name())) {
            onWord(topics.words().valueSerde().deserializer().deserialize(topic, record.value()));
        } else {
            onSentence(topics.sentences().valueSerde().deserializer().deserialize(topic, record.value()));
        }
    }

    private void onFrames(ConsumerRecord<byte[], byte[]> record) {
        FrameChunk chunk = topics.frames().valueSerde().deserializer().deserialize(record.topic(), record.value());
        synchronized (this) {
            SessionScore score = sessions.computeIfAbsent(chunk.getSessionId(), s -> new SessionScore());
            List<Long> times = chunk.getCaptureTimesUs();
            if (!times.isEmpty()) {
                score.captured(times.get(times.size() - 1));
            }
            Header signs = record.headers().lastHeader(ChunkHeaders.TRUTH_SIGNS);
            if (signs != null) {
                try {
                    for (JsonNode sign : JSON.readTree(new String(signs.value(), StandardCharsets.UTF_8))) {
                        score.signed(sign.get("word").asInt(), sign.get("gloss").asText(), sign.get("start_us").asLong(),
                                sign.get("end_us").asLong());
                    }
                } catch (IOException e) {
                    LOG.warn("{}: unreadable truth header: {}", chunk.getSessionId(), e.getMessage());
                }
            }
        }
    }

    private void onWord(WordEvent word) {
        synchronized (this) {
            SessionScore score = sessions.computeIfAbsent(word.getSessionId(), s -> new SessionScore());
            if (word.getType() == WordEventType.WORD) {
                score.heard(word.getGloss());
                long emittedMs = word.getEmitTimeMs().toEpochMilli();
                decisionToWordMs.add(emittedMs - word.getLastFrameTimeUs() / 1000);
                score.signEndFor(word.getLastFrameTimeUs()).ifPresent(end -> signEndToWordMs.add(emittedMs - end / 1000));
            } else if (word.getType() == WordEventType.SESSION_END) {
                score.ended();
            }
        }
    }

    /** A sentence read from Kafka, as the caption view reads it: the final caption is out now. */
    private void onSentence(Sentence sentence) {
        long nowMs = System.currentTimeMillis();
        OptionalLong signEnd;
        synchronized (this) {
            SessionScore score = sessions.get(sentence.getSessionId());
            signEnd = score == null ? OptionalLong.empty() : score.signEndFor(sentence.getEndTimeUs());
            if (sentence.getFinal$()) {
                decisionToFinalCaptionMs.add(nowMs - sentence.getEndTimeUs() / 1000);
                signEnd.ifPresent(end -> signEndToFinalCaptionMs.add(nowMs - end / 1000));
            }
        }
        if (!printCaptions || captionsStopped) {
            return;
        }
        String since = signEnd.isPresent()
                ? (nowMs - signEnd.getAsLong() / 1000) + " ms after the sign ended"
                : (nowMs - sentence.getEndTimeUs() / 1000) + " ms after its last word was decided";
        synchronized (out) {
            out.printf(Locale.ROOT, "%-12s %s %-28s (%s, %s)%n", sentence.getSessionId(),
                    sentence.getFinal$() ? "==" : "..", sentence.getText(), sentence.getFinal$() ? "final" : "partial",
                    since);
            out.flush();
        }
    }

    /**
     * A sentence's first subtitle segment was published (the sink's HLS rendition tells), this long
     * after the decision of its last word.
     */
    synchronized void segmentPublished(long decisionToSegmentMs) {
        this.decisionToSegmentMs.add(decisionToSegmentMs);
    }

    /** Waits until every session seen has ended, or the timeout. */
    boolean awaitAllEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (!sessions.isEmpty() && sessions.values().stream().allMatch(SessionScore::hasEnded)) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The score so far. */
    synchronized DemoSummary summary() {
        WordErrorRate wer = new WordErrorRate();
        Map<String, List<List<String>>> perSession = new LinkedHashMap<>();
        int words = 0;
        for (Map.Entry<String, SessionScore> e : sessions.entrySet()) {
            List<String> reference = e.getValue().reference();
            List<String> hypothesis = e.getValue().hypothesis();
            wer.add(reference, hypothesis);
            words += hypothesis.size();
            perSession.put(e.getKey(), List.of(reference, hypothesis));
        }
        return new DemoSummary(sessions.size(), words, wer.referenceWords(), wer.wer(),
                Latency.of("sign_end_to_word", signEndToWordMs),
                Latency.of("sign_end_to_final_caption", signEndToFinalCaptionMs),
                Latency.of("decision_to_word", decisionToWordMs),
                Latency.of("decision_to_final_caption", decisionToFinalCaptionMs),
                Latency.of("decision_to_segment", decisionToSegmentMs), perSession);
    }

    /**
     * Stops printing captions (the summary comes next and must stay the output's last line); the
     * score keeps counting until {@link #close()}.
     */
    void stopCaptions() {
        synchronized (out) {
            captionsStopped = true;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
