package dev.signstream.sink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.sink.CaptionSink;
import dev.signstream.sink.SinkSettings;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.lexicon.LexiconEntry;
import dev.signstream.sink.sentence.SentenceSettings;
import dev.signstream.sink.testing.Words;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How fast words become captions, on the embedded broker and registry:
 * <ol>
 *   <li>latency from a word acknowledged by Kafka to its server-sent event at a client, with
 *       1, 10 and 50 sessions signing live (about 2 words/s each);</li>
 *   <li>throughput of sentence building for a burst of words (exactly-once, read_committed);</li>
 *   <li>lexicon matching time per word sequence for lexicon sizes 26, 1,000 and 10,000.</li>
 * </ol>
 * Prints tables. Numbers depend on the machine and its load; run it on a quiet one.
 */
public final class CaptionLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = System.out;
    private static final String[] GLOSSES = {"나", "아프다", "병원", "가다", "물", "주세요", "오늘", "친구", "만나다", "학교"};

    private CaptionLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        lexiconTable();
        Path dir = Files.createTempDirectory("caption-bench");
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start()) {
            String prefix = "bench-" + UUID.randomUUID() + ".";
            TopicNames names = TopicNames.withPrefix(prefix);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, 6, (short) 1), Duration.ofSeconds(30));
            }
            KafkaSettings kafka = KafkaSettings.parse(Map.of("SIGNSTREAM_TOPIC_PREFIX", prefix),
                    Optional.of(stack.bootstrapServers()), Optional.of(stack.registryUrl()), List.of(StreamsConfig.configDef()));
            AvroSerdes serdes = new AvroSerdes(stack.registryUrl(), Map.of());
            try (CaptionSink sink = CaptionSink.start(kafka, new SinkSettings("bench-" + UUID.randomUUID(), "127.0.0.1", 0,
                    SentenceSettings.defaults(), SinkSettings.DEFAULT_VIEW_RETENTION, Optional.of(dir)), Lexicon.empty());
                 KafkaProducer<String, WordEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                         stack.bootstrapServers(), "linger.ms", 0), new StringSerializer(),
                         serdes.valueSerde(WordEvent.class).serializer())) {
                if (!sink.runner().awaitRunning(Duration.ofSeconds(120)) || !sink.view().awaitCaughtUp(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("sink did not start");
                }
                OUT.println();
                OUT.println("Kafka ack -> server-sent event at the client (live pacing, 2 words/s per session)");
                OUT.printf(Locale.ROOT, "%8s %7s %8s %8s %8s %8s%n", "sessions", "events", "p50 ms", "p90 ms", "p99 ms", "max ms");
                for (int sessions : new int[] {1, 10, 50}) {
                    liveRound(sink, producer, names, sessions, 12);
                }
                burst(kafka, serdes, producer, names, 100, 100);
            }
        }
    }

    /** Sessions sign live; each word's SSE event is timed from the moment Kafka acknowledged the word. */
    private static void liveRound(CaptionSink sink, KafkaProducer<String, WordEvent> producer, TopicNames names,
                                  int sessions, int words) throws Exception {
        String round = "live-" + sessions + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long t0 = System.currentTimeMillis() * 1000;
        for (int s = 0; s < sessions; s++) {
            send(producer, names, Words.wordAt(round + s, 0, GLOSSES[0], t0));
        }
        while (sink.view().board().sessions().stream()
                .filter(x -> x.sessionId().startsWith(round)).count() < sessions) {
            Thread.sleep(20);
        }
        Map<String, Long> acked = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(sessions * (words - 1));
        HttpClient http = HttpClient.newHttpClient();
        List<Stream<String>> streams = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String session = round + s;
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + sink.httpPort() + "/sessions/" + session + "/events")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            streams.add(response.body());
            Thread reader = new Thread(() -> {
                try {
                    response.body().forEach(line -> timeEvent(session, line, acked, latencies, all));
                } catch (UncheckedIOException closedAtRoundEnd) {
                    // the round closed the stream
                }
            }, "bench-sse-" + s);
            reader.setDaemon(true);
            reader.start();
        }
        Thread.sleep(500);
        for (int w = 1; w < words; w++) {
            for (int s = 0; s < sessions; s++) {
                WordEvent word = Words.wordAt(round + s, w, GLOSSES[w % GLOSSES.length], t0 + w * 500_000L);
                String key = round + s + "#" + w;
                producer.send(new ProducerRecord<>(names.words(), word.getSessionId(), word), (meta, error) -> {
                    if (error == null) {
                        acked.put(key, System.nanoTime());
                    }
                });
            }
            producer.flush();
            Thread.sleep(500);
        }
        boolean complete = all.await(30, TimeUnit.SECONDS);
        streams.forEach(Stream::close);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        OUT.printf(Locale.ROOT, "%8d %7d %8.0f %8.0f %8.0f %8.0f%s%n", sessions, sorted.length, ms(pct(sorted, 50)),
                ms(pct(sorted, 90)), ms(pct(sorted, 99)), ms(sorted[sorted.length - 1]),
                complete ? "" : "  (incomplete: " + all.getCount() + " events missing after 30 s)");
    }

    private static void timeEvent(String session, String line, Map<String, Long> acked, List<Long> latencies,
                                  CountDownLatch all) {
        if (!line.startsWith("data:")) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(line.substring(5));
            Long sent = acked.remove(session + "#" + (event.get("words").size() - 1));
            if (sent != null) {
                latencies.add(System.nanoTime() - sent);
                all.countDown();
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("unreadable event " + line, e);
        }
    }

    /** As many words as Kafka takes, then the time until every partial is committed on the sentences topic. */
    private static void burst(KafkaSettings kafka, AvroSerdes serdes, KafkaProducer<String, WordEvent> producer,
                              TopicNames names, int sessions, int wordsEach) throws Exception {
        String round = "burst-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long t0 = System.currentTimeMillis() * 1000;
        try (KafkaConsumer<String, Sentence> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", round, "auto.offset.reset", "latest", "isolation.level", "read_committed"),
                new StringDeserializer(), serdes.valueSerde(Sentence.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(names.sentences()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now, before the burst is written
            long start = System.nanoTime();
            for (int w = 0; w < wordsEach; w++) {
                for (int s = 0; s < sessions; s++) {
                    WordEvent word = Words.wordAt(round + s, w, GLOSSES[w % GLOSSES.length], t0 + w * 500_000L);
                    producer.send(new ProducerRecord<>(names.words(), word.getSessionId(), word));
                }
            }
            producer.flush();
            long sentDone = System.nanoTime();
            int expected = sessions * wordsEach;
            int seen = 0;
            long done = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                int got = consumer.poll(Duration.ofMillis(200)).count();
                if (got > 0) {
                    seen += got;
                    done = System.nanoTime();
                }
            }
            OUT.println();
            OUT.println("Burst: words in, partial sentences out (exactly-once, read_committed)");
            OUT.printf(Locale.ROOT, "%8s %8s %10s %10s %12s%n", "sessions", "words", "send s", "total s", "words/s");
            OUT.printf(Locale.ROOT, "%8d %8d %10.2f %10.2f %12.0f%s%n", sessions, expected, (sentDone - start) / 1e9,
                    (done - start) / 1e9, seen / ((done - start) / 1e9), seen < expected ? "  (only " + seen + " seen)" : "");
        }
    }

    private static void lexiconTable() {
        OUT.println("Lexicon match per word sequence (4 glosses, no match: the worst case scans every entry)");
        OUT.printf(Locale.ROOT, "%10s %12s%n", "entries", "us/match");
        Random random = new Random(7);
        for (int size : new int[] {26, 1_000, 10_000}) {
            List<LexiconEntry> entries = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int length = 2 + random.nextInt(5);
                List<String> glosses = new ArrayList<>();
                for (int g = 0; g < length; g++) {
                    glosses.add("g" + random.nextInt(500));
                }
                entries.add(new LexiconEntry("e" + i, glosses, String.join(" ", glosses)));
            }
            Lexicon lexicon = Lexicon.of(entries, Lexicon.DEFAULT_MAX_DISTANCE);
            List<String> words = List.of("x1", "x2", "x3", "x4");
            int rounds = Math.max(200, 2_000_000 / size);
            for (int i = 0; i < rounds / 4; i++) {
                lexicon.match(words);
            }
            long start = System.nanoTime();
            int found = 0;
            for (int i = 0; i < rounds; i++) {
                found += lexicon.match(words).isPresent() ? 1 : 0;
            }
            double us = (System.nanoTime() - start) / 1e3 / rounds;
            OUT.printf(Locale.ROOT, "%10d %12.2f%s%n", size, us, found > 0 ? " (unexpected match)" : "");
        }
    }

    private static void send(KafkaProducer<String, WordEvent> producer, TopicNames names, WordEvent word) throws Exception {
        producer.send(new ProducerRecord<>(names.words(), word.getSessionId(), word)).get();
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

}
