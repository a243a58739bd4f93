package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thousand malformed records of every kind reach a running processor: each becomes a dead letter
 * with its stage and reason, good sessions around them still come out, the processor stays up and
 * its heap stays flat.
 */
@WithKafka
class MalformedRecordsTest {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRecordsTest.class);
    private static final int BAD_RECORDS = 1_008;
    private static final int SIZE = 64;

    @Test
    void everyMalformedRecordBecomesADeadLetterAndProcessingGoesOn(KafkaStack stack) throws Exception {
        TopicNames names = ProcessorFixture.uniqueNames("malformed");
        KafkaSettings settings = ProcessorFixture.settings(stack, names);
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        ProcessorOptions options = ProcessorOptions.defaults(ProcessorFixture.RANDOM_MODEL)
                .withApplicationId("malformed-" + UUID.randomUUID())
                .withStreamThreads(1)
                .withStateDir(Files.createTempDirectory("malformed-"))
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1));
        RenderedSession good = SyntheticChunks.testSession("good-session", 3, List.of(
                dev.signstream.synth.lexicon.Sentences.standard().all().get(1).id()), SIZE, 8, FrameEncoding.JPEG);
        FrameChunk template = good.chunks().get(0);
        Map<String, Function<Integer, FrameChunk>> kinds = badChunkKinds(template);

        try (ProcessorService processor = ProcessorService.start(options, settings, new SimpleMeterRegistry());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", stack.bootstrapServers(), "acks", "all", "linger.ms", 5),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThat(processor.runner().awaitRunning(Duration.ofSeconds(60))).isTrue();
            Serializer<FrameChunk> chunks = topics.frames().valueSerde().serializer();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

            // Given a mix of 1,008 bad records of 7 kinds, with a good session's chunks in between
            List<String> kindNames = new ArrayList<>(kinds.keySet());
            kindNames.add("garbage-bytes");
            kindNames.add("unknown-schema-id");
            Collections.sort(kindNames);
            Map<String, Integer> sentByKind = new HashMap<>();
            long heapAfterWarmUp = 0;
            int goodSent = 0;
            for (int i = 0; i < BAD_RECORDS; i++) {
                String kind = kindNames.get(i % kindNames.size());
                String key = "bad-" + kind + "-" + i;
                byte[] value = switch (kind) {
                    case "garbage-bytes" -> ("not avro at all #" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    case "unknown-schema-id" -> new byte[] {0, 0x7e, 0x12, 0x34, (byte) i, 2, 4, 6};
                    default -> chunks.serialize(names.frames(), kinds.get(kind).apply(i));
                };
                producer.send(new ProducerRecord<>(names.frames(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
                sentByKind.merge(kind, 1, Integer::sum);
                if (i % 40 == 0 && goodSent < good.chunks().size()) {
                    producer.send(new ProducerRecord<>(names.frames(), good.sessionId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            chunks.serialize(names.frames(), good.chunks().get(goodSent++))));
                }
                if (i == 200) {
                    producer.flush();
                    awaitDeadLetters(stack, topics, 201);
                    heapAfterWarmUp = usedHeapAfterGc(memory);
                }
            }
            while (goodSent < good.chunks().size()) {
                producer.send(new ProducerRecord<>(names.frames(), good.sessionId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        chunks.serialize(names.frames(), good.chunks().get(goodSent++))));
            }
            producer.flush();

            // Then every bad record is a dead letter with its stage and reason
            List<DeadLetter> letters = awaitDeadLetters(stack, topics, BAD_RECORDS);
            assertThat(letters).hasSize(BAD_RECORDS);
            Map<String, Integer> lettersByKind = new HashMap<>();
            for (DeadLetter letter : letters) {
                String key = java.nio.charset.StandardCharsets.UTF_8.decode(letter.getKey()).toString();
                String kind = key.substring(4, key.lastIndexOf('-'));
                lettersByKind.merge(kind, 1, Integer::sum);
                assertThat(letter.getSourceTopic()).isEqualTo(names.frames());
                assertThat(letter.getErrorMessage()).isNotBlank();
                assertThat(letter.getStage()).as("stage of %s", kind).isEqualTo(expectedStage(kind));
                assertThat(letter.getPayload().remaining()).isLessThanOrEqualTo(1024);
            }
            assertThat(lettersByKind).isEqualTo(sentByKind);

            // and the good session still comes out whole, with the processor running
            List<WordEvent> words = readWords(stack, topics, good.sessionId());
            assertThat(words.get(words.size() - 1).getType()).isEqualTo(WordEventType.SESSION_END);
            assertThat(processor.runner().state()).isEqualTo(KafkaStreams.State.RUNNING);

            // and the heap stayed flat
            long heapAtEnd = usedHeapAfterGc(memory);
            LOG.info("heap after 201 bad records: {} MB, after {}: {} MB", heapAfterWarmUp >> 20, BAD_RECORDS, heapAtEnd >> 20);
            assertThat(heapAtEnd - heapAfterWarmUp).isLessThan(48L << 20);
        }
    }

    private static String expectedStage(String kind) {
        return switch (kind) {
            case "garbage-bytes", "unknown-schema-id" -> "deserialize";
            case "bad-jpeg", "truncated-jpeg" -> SessionInferenceProcessor.DECODE_STAGE;
            default -> ChunkValidator.STAGE;
        };
    }

    /** Well-formed Avro records whose content the processor must refuse. */
    private static Map<String, Function<Integer, FrameChunk>> badChunkKinds(FrameChunk good) {
        Map<String, Function<Integer, FrameChunk>> kinds = new HashMap<>();
        kinds.put("bad-jpeg", i -> FrameChunk.newBuilder(good).setSessionId("bad-bad-jpeg-" + i)
                .setFrames(Collections.nCopies(8, ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) (int) i, 1, 2})))
                .build());
        kinds.put("truncated-jpeg", i -> {
            ByteBuffer first = good.getFrames().get(0).duplicate();
            byte[] half = new byte[first.remaining() / 2];
            first.get(half);
            return FrameChunk.newBuilder(good).setSessionId("bad-truncated-jpeg-" + i)
                    .setFrames(Collections.nCopies(8, ByteBuffer.wrap(half))).build();
        });
        kinds.put("wrong-dimensions", i -> FrameChunk.newBuilder(good).setSessionId("bad-wrong-dimensions-" + i)
                .setWidth(SIZE + 1 + i % 50).build());
        kinds.put("no-frames", i -> FrameChunk.newBuilder(good).setSessionId("bad-no-frames-" + i)
                .setFrames(List.of()).setCaptureTimesUs(List.of()).build());
        kinds.put("huge-frame-count", i -> {
            List<ByteBuffer> frames = Collections.nCopies(500, ByteBuffer.wrap(new byte[] {1}));
            List<Long> times = new ArrayList<>();
            for (long t = 0; t < 500; t++) {
                times.add(t + 1);
            }
            return FrameChunk.newBuilder(good).setSessionId("bad-huge-frame-count-" + i)
                    .setFrames(frames).setCaptureTimesUs(times).build();
        });
        return kinds;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static List<DeadLetter> awaitDeadLetters(KafkaStack stack, Topics topics, int count) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = consumer(stack, topics.deadLetters().valueSerde().deserializer())) {
            consumer.subscribe(Set.of(topics.deadLetters().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (letters.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> letters.add(r.value()));
            }
        }
        assertThat(letters).as("dead letters within 180 s").hasSizeGreaterThanOrEqualTo(count);
        return letters;
    }

    private static List<WordEvent> readWords(KafkaStack stack, Topics topics, String session) {
        List<WordEvent> words = new ArrayList<>();
        try (KafkaConsumer<String, WordEvent> consumer = consumer(stack, topics.words().valueSerde().deserializer())) {
            consumer.subscribe(Set.of(topics.words().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline
                    && (words.isEmpty() || words.get(words.size() - 1).getType() != WordEventType.SESSION_END)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key().equals(session)) {
                        words.add(r.value());
                    }
                });
            }
        }
        assertThat(words).as("words of %s", session).isNotEmpty();
        return words;
    }

    private static <V> KafkaConsumer<String, V> consumer(KafkaStack stack, org.apache.kafka.common.serialization.Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
                "group.id", "malformed-check-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), Serdes.String().deserializer(), values);
    }
}
