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
 * with its stage and a reason naming the fault (tombstones, null keys, empty values, bytes not in
 * the wire format, unknown schema ids, truncated Avro, keys on the wrong partition, bad frames),
 * good sessions around them still come out, the processor stays up and its heap stays flat.
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

            // Given a mix of 1,008 bad records of 13 kinds, with a good session's chunks in between (sent
            // without headers, as any client's would be: the processor needs none)
            List<String> kindNames = new ArrayList<>(kinds.keySet());
            kindNames.addAll(RAW_KINDS.keySet());
            Collections.sort(kindNames);
            int partitions = ProcessorFixture.partitions(stack, names.frames());
            Map<String, Integer> sentByKind = new HashMap<>();
            Map<Long, String> kindByOffset = new HashMap<>();
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            List<String> sentKinds = new ArrayList<>();
            long heapAfterWarmUp = 0;
            int goodSent = 0;
            for (int i = 0; i < BAD_RECORDS; i++) {
                String kind = kindNames.get(i % kindNames.size());
                String key = "bad-" + kind + "-" + i;
                ProducerRecord<byte[], byte[]> record = RAW_KINDS.containsKey(kind)
                        ? RAW_KINDS.get(kind).record(names.frames(), key, i, partitions, chunks.serialize(names.frames(),
                                FrameChunk.newBuilder(template).setSessionId(key).build()))
                        : new ProducerRecord<>(names.frames(), utf8(key),
                                chunks.serialize(names.frames(), kinds.get(kind).apply(i)));
                sent.add(producer.send(record));
                sentKinds.add(kind);
                sentByKind.merge(kind, 1, Integer::sum);
                if (i % 40 == 0 && goodSent < good.chunks().size()) {
                    producer.send(new ProducerRecord<>(names.frames(), utf8(good.sessionId()),
                            chunks.serialize(names.frames(), good.chunks().get(goodSent++))));
                }
                if (i == 200) {
                    producer.flush();
                    awaitDeadLetters(stack, topics, 201);
                    heapAfterWarmUp = usedHeapAfterGc(memory);
                }
            }
            while (goodSent < good.chunks().size()) {
                producer.send(new ProducerRecord<>(names.frames(), utf8(good.sessionId()),
                        chunks.serialize(names.frames(), good.chunks().get(goodSent++))));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                var metadata = sent.get(i).get();
                kindByOffset.put(((long) metadata.partition() << 40) | metadata.offset(), sentKinds.get(i));
            }

            // Then every bad record is a dead letter with its stage and a reason that names the fault
            List<DeadLetter> letters = awaitDeadLetters(stack, topics, BAD_RECORDS);
            assertThat(letters).hasSize(BAD_RECORDS);
            Map<String, Integer> lettersByKind = new HashMap<>();
            Map<String, String> reasonByKind = new java.util.TreeMap<>();
            for (DeadLetter letter : letters) {
                String kind = kindByOffset.get(((long) letter.getSourcePartition() << 40) | letter.getSourceOffset());
                assertThat(kind).as("dead letter of %s-%d@%d", letter.getSourceTopic(), letter.getSourcePartition(),
                        letter.getSourceOffset()).isNotNull();
                lettersByKind.merge(kind, 1, Integer::sum);
                reasonByKind.putIfAbsent(kind, letter.getErrorMessage());
                assertThat(letter.getSourceTopic()).isEqualTo(names.frames());
                assertThat(letter.getStage()).as("stage of %s", kind).isEqualTo(expectedStage(kind));
                assertThat(letter.getErrorMessage()).as("reason of %s", kind).contains(expectedReason(kind));
                assertThat(letter.getPayload().remaining()).isLessThanOrEqualTo(1024);
            }
            assertThat(lettersByKind).isEqualTo(sentByKind);
            reasonByKind.forEach((kind, reason) -> LOG.info("dead letter reason of {}: {}", kind, reason));

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

    /** Records no Avro writer makes: built from raw bytes, keys and partitions. */
    @FunctionalInterface
    private interface RawKind {
        ProducerRecord<byte[], byte[]> record(String topic, String key, int i, int partitions, byte[] goodValue);
    }

    private static final Map<String, RawKind> RAW_KINDS = Map.of(
            // '?' first: what a JSON or text producer sends by mistake
            "garbage-bytes", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, utf8(key),
                    utf8("?not avro at all #" + i)),
            "unknown-schema-id", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, utf8(key),
                    new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2, 4, 6}),
            "truncated-avro", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, utf8(key),
                    java.util.Arrays.copyOf(good, good.length / 2)),
            "empty-value", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, utf8(key), new byte[0]),
            // kcat -Z with an empty value
            "tombstone", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, utf8(key), null),
            "null-key", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic, null, good),
            // a producer whose partitioner is not murmur2 (kcat's default)
            "wrong-partition", (topic, key, i, partitions, good) -> new ProducerRecord<>(topic,
                    (PartitionCheck.murmur2Partition(key, partitions) + 1) % partitions, utf8(key), good));

    private static String expectedStage(String kind) {
        return switch (kind) {
            case "garbage-bytes", "unknown-schema-id", "truncated-avro", "empty-value" -> "deserialize";
            case "bad-jpeg", "truncated-jpeg" -> SessionInferenceProcessor.DECODE_STAGE;
            case "wrong-partition" -> PartitionCheck.STAGE;
            default -> ChunkValidator.STAGE;
        };
    }

    /** What the reason must say: the fault, in the words a user searches for. */
    private static String expectedReason(String kind) {
        return switch (kind) {
            case "garbage-bytes" -> "not in the Confluent wire format (first byte 0x3f, expected 0)";
            case "unknown-schema-id" -> "schema id 999999 unknown to the registry";
            case "truncated-avro" -> "Avro record truncated";
            case "empty-value" -> "empty value";
            case "tombstone" -> "tombstone (null value)";
            case "null-key" -> "no key";
            case "wrong-partition" -> "murmur2";
            case "bad-jpeg", "truncated-jpeg" -> "frame";
            case "wrong-dimensions" -> "the model takes";
            case "no-frames" -> "no frames";
            case "huge-frame-count" -> "at most";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
