package dev.signstream.bench.pipeline;

import dev.signstream.bench.measure.Cpu;
import dev.signstream.bench.runtime.RawOrtBaseline;
import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.processor.StateKeeping;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code signstream bench backlog}: a recorded backlog of synthetic sessions processed through
 * Kafka as fast as the processor goes, once per configuration (stream threads x max batch, one
 * ONNX Runtime thread per call, a fresh application id each), against raw ONNX Runtime doing the
 * same model step right after (same batch, one ONNX Runtime thread: one calling thread, and as many
 * calling threads as the processor had stream threads). Then, optionally, the whole backlog sent
 * again: every chunk a duplicate, timed through the restarted processor of the best configuration.
 */
public final class BacklogBench {

    private BacklogBench() {
    }

    /** One configuration's run. */
    record Row(BacklogOptions.Config config, String applicationId, Path stateDir, double seconds, double framesPerSecond,
               double rawFramesPerSecond, double rawParallelFramesPerSecond, double cpuCores, long changelogBytes,
               double meanBatch, double appliedMeanMs, double loadAfter) {

        double ratio() {
            return framesPerSecond / rawFramesPerSecond;
        }
    }

    /** Runs the benchmark on {@code cluster}, prints the tables and, last, the JSON line; returns the JSON fields. */
    public static JsonLine run(BacklogOptions options, BenchCluster cluster, PrintWriter out) throws Exception {
        double loadBefore = Cpu.loadAverage();
        ModelManifest manifest = ModelFolder.load(options.model()).manifest();
        int chunk = manifest.chunkLength();
        ChunkPool pool = ChunkPool.render(options.sessions(), options.length(), manifest.width(), manifest.fps(), chunk,
                options.encoding(), 11);
        String run = "bench-backlog-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaSettings kafka = cluster.topics(run + ".", options.partitions());
        Topics topics = Topics.create(kafka.topics(), AvroSerdes.of(kafka));
        List<FrameChunk> recording = recording(run, pool, options.partitions());
        long frames = recording.stream().mapToLong(c -> c.getFrames().size()).sum();
        send(kafka, topics, recording);
        out.printf(Locale.ROOT, "backlog: %d sessions x %d s, %,d chunks, %,d frames (%s, %.1f MB); model %s %s (%dx%d); "
                        + "commit interval %d ms; %s; %d cores, load average %.2f%n", options.sessions(),
                options.length().toSeconds(), recording.size(), frames, options.encoding(), pool.bytes() / 1e6,
                manifest.name(), manifest.version(), manifest.width(), manifest.height(),
                options.commitInterval().toMillis(), cluster.describe(), Cpu.cores(), loadBefore);
        out.flush();

        // the first run warms the JIT up (Kafka clients, Avro, the processor) and is not reported
        Row warmUp = process(options, options.configs().get(0), kafka, run + "-warm-up", recording.size(), frames);
        out.printf(Locale.ROOT, "(warm-up run: %.0f frames/s)%n", warmUp.framesPerSecond());
        out.flush();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < options.configs().size(); i++) {
            BacklogOptions.Config config = options.configs().get(i);
            Row measured = process(options, config, kafka, run + "-" + config + "-" + i, recording.size(), frames);
            double raw = RawOrtBaseline.framesPerSecond(options.model(), 1, config.maxBatch(), chunk, 1,
                    options.rawSeconds());
            double rawParallel = config.streamThreads() == 1 ? raw : RawOrtBaseline.framesPerSecond(options.model(), 1,
                    config.maxBatch(), chunk, config.streamThreads(), options.rawSeconds());
            rows.add(new Row(config, measured.applicationId(), measured.stateDir(), measured.seconds(),
                    measured.framesPerSecond(), raw, rawParallel, measured.cpuCores(), measured.changelogBytes(),
                    measured.meanBatch(), measured.appliedMeanMs(), Cpu.loadAverage()));
            out.printf(Locale.ROOT, "%s done: %.0f frames/s, raw %.0f%n", config, measured.framesPerSecond(), raw);
            out.flush();
        }
        Row best = rows.stream().max((a, b) -> Double.compare(a.ratio(), b.ratio())).orElseThrow();
        Duplicates duplicates = options.duplicates() ? duplicates(options, best, kafka, topics, recording) : null;
        BacklogResult result = new BacklogResult(options, manifest, recording.size(), frames, rows, best, duplicates,
                loadBefore, Cpu.loadAverage());
        result.print(out);
        return result.json();
    }

    /** The whole backlog sent again and timed through the best configuration's processor, restarted. */
    record Duplicates(int chunks, double seconds, double cpuSeconds, double duplicateMeanMs, double appliedSeconds,
                      double appliedCpuSeconds, double appliedMeanMs) {

        /**
         * What a duplicate costs against an applied chunk through Kafka: CPU time of this process
         * (every role in it: fetching, deserializing, the processor) per chunk.
         */
        double costRatio() {
            return cpuSeconds / appliedCpuSeconds;
        }

        /** The same by wall time per chunk (on a small backlog, fetch latency rather than work). */
        double wallRatio() {
            return seconds / appliedSeconds;
        }

        /** The same inside {@code process()} alone (mean time per chunk by outcome). */
        double processCostRatio() {
            return duplicateMeanMs / appliedMeanMs;
        }
    }

    private static Duplicates duplicates(BacklogOptions options, Row best, KafkaSettings kafka, Topics topics,
                                         List<FrameChunk> recording) throws Exception {
        send(kafka, topics, recording);
        Row replay = processAgain(options, best, kafka, recording.size());
        return new Duplicates(recording.size(), replay.seconds(), replay.cpuCores() * replay.seconds(),
                replay.appliedMeanMs(), best.seconds(), best.cpuCores() * best.seconds(), best.appliedMeanMs());
    }

    /**
     * Each session's chunks with capture times of their own, the last one marked last. The session
     * ids are picked so that the sessions spread evenly over the partitions (as many sessions do):
     * otherwise the run would time the stream thread that drew the most sessions.
     */
    private static List<FrameChunk> recording(String run, ChunkPool pool, int partitions) {
        List<List<FrameChunk>> bySession = new ArrayList<>();
        long frameMicros = Math.round(1e6 / pool.fps());
        int candidate = 0;
        for (int s = 0; s < pool.sessions(); s++) {
            String id;
            do {
                id = run + "-" + candidate++;
            } while (partitionOf(id, partitions) != s % partitions);
            List<FrameChunk> chunks = new ArrayList<>();
            int count = pool.chunks().get(s).size();
            long start = 1_700_000_000_000_000L + s * 3_600_000_000L;
            for (int c = 0; c < count; c++) {
                List<ByteBuffer> payloads = pool.chunks().get(s).get(c);
                List<Long> times = new ArrayList<>();
                for (int f = 0; f < payloads.size(); f++) {
                    times.add(start + ((long) c * pool.chunkFrames() + f) * frameMicros);
                }
                chunks.add(FrameChunk.newBuilder()
                        .setSessionId(id).setSeq(c).setCaptureTimesUs(times)
                        .setWidth(pool.size()).setHeight(pool.size()).setEncoding(pool.encoding())
                        .setFrames(payloads.stream().map(ByteBuffer::duplicate).toList())
                        .setFps((float) pool.fps()).setLast(c == count - 1)
                        .setSource("bench-backlog").setProducerId("signstream-bench").build());
            }
            bySession.add(chunks);
        }
        // interleaved, as live sessions would have been recorded
        List<FrameChunk> all = new ArrayList<>();
        for (int c = 0; ; c++) {
            boolean any = false;
            for (List<FrameChunk> session : bySession) {
                if (c < session.size()) {
                    all.add(session.get(c));
                    any = true;
                }
            }
            if (!any) {
                return all;
            }
        }
    }

    /** The partition Kafka's default partitioner gives a string key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void send(KafkaSettings kafka, Topics topics, List<FrameChunk> chunks) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(config, Serdes.String().serializer(),
                topics.frames().valueSerde().serializer())) {
            for (FrameChunk chunk : chunks) {
                producer.send(new ProducerRecord<>(topics.frames().name(), chunk.getSessionId(), chunk), (m, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("recording the backlog failed: " + failed.get().getMessage(), failed.get());
        }
    }

    private static Row process(BacklogOptions options, BacklogOptions.Config config, KafkaSettings kafka,
                               String applicationId, int chunks, long frames) throws Exception {
        Path stateDir = Files.createTempDirectory("signstream-bench-");
        return run(options, config, kafka, applicationId, stateDir, chunks, frames, "applied");
    }

    private static Row processAgain(BacklogOptions options, Row first, KafkaSettings kafka, int chunks) throws Exception {
        return run(options, first.config(), kafka, first.applicationId(), first.stateDir(), chunks, 0, "duplicate");
    }

    /** Starts a processor, times it from RUNNING until {@code chunks} chunks had the outcome, stops it. */
    private static Row run(BacklogOptions options, BacklogOptions.Config config, KafkaSettings kafka,
                           String applicationId, Path stateDir, int chunks, long frames, String outcome) throws Exception {
        ProcessorOptions processorOptions = ProcessorOptions.defaults(options.model())
                .withApplicationId(applicationId)
                .withStreamThreads(config.streamThreads())
                .withStateDir(stateDir)
                .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1))
                .withBatching(BatcherSettings.of(config.maxBatch()))
                .withKeeping(StateKeeping.defaults().withCommitInterval(options.commitInterval()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChangelogMeter changelog = new ChangelogMeter(kafka.adminConfig(), applicationId);
        try (ProcessorService processor = ProcessorService.start(processorOptions, kafka, registry)) {
            if (!processor.runner().awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the processor did not start within 120 s");
            }
            long t0 = System.nanoTime();
            long cpu0 = Cpu.processCpuNanos();
            double done = 0;
            long deadline = t0 + Duration.ofMinutes(30).toNanos();
            while (done < chunks) {
                if (processor.runner().failure().isPresent()) {
                    throw new IllegalStateException("the processor failed", processor.runner().failure().get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(outcome + " chunks: " + done + " of " + chunks + " after 30 minutes");
                }
                Thread.sleep(10);
                done = registry.get("signstream.processor.chunks").tag("outcome", outcome).counter().count();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cores = (Cpu.processCpuNanos() - cpu0) / 1e9 / seconds;
            long[] callsAndSteps = processor.callsAndSteps();
            double meanMs = registry.get("signstream.processor.chunk").tag("outcome", outcome).timer()
                    .mean(TimeUnit.MILLISECONDS);
            Thread.sleep(options.commitInterval().toMillis() + 1_000); // the last commit
            long changelogBytes = changelog.bytes();
            return new Row(config, applicationId, stateDir, seconds, frames / seconds, Double.NaN, Double.NaN, cores,
                    changelogBytes, callsAndSteps[0] == 0 ? 0 : (double) callsAndSteps[1] / callsAndSteps[0], meanMs,
                    Cpu.loadAverage());
        }
    }
}
