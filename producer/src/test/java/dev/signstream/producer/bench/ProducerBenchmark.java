package dev.signstream.producer.bench;

import dev.signstream.embedded.EmbeddedKafkaStack;
import dev.signstream.producer.ProduceSettings;
import dev.signstream.producer.SourceSpec;
import dev.signstream.producer.kafka.KafkaFrameProducer;
import dev.signstream.producer.pipeline.ProducerStats;
import dev.signstream.producer.pipeline.SessionPublisher;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.live.LiveStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Live load on one machine: N synthetic signers at 15 fps through the producer into a Kafka broker
 * running in the same JVM (plus the registry's child JVM), measured over a window after a warm-up.
 * Prints per-session delivered frame rates, drops, acknowledgement delays and where the CPU went.
 *
 * <pre>
 * mvn -B -q -pl producer -am test-compile
 * mvn -B -q -pl producer exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.signstream.producer.bench.ProducerBenchmark -Dexec.args="50 60 112 jpeg"
 * </pre>
 * Arguments: sessions (50), measured seconds (60), frame size (112), encoding jpeg|raw (jpeg).
 */
public final class ProducerBenchmark {

    private static final int WARM_UP_SECONDS = 15;
    private static final int PROGRESS_SECONDS = 10;

    private ProducerBenchmark() {
    }

    /**
     * What one run measured.
     *
     * @param sessions            sessions run
     * @param seconds             measured window
     * @param minFps              the slowest session's delivered frames per second
     * @param medianFps           the median session's
     * @param maxFps              the fastest session's
     * @param dropped             frames dropped in the window (all sessions)
     * @param framesSent          frames handed to Kafka in the window (all sessions)
     * @param renderLateP99Ms     99th percentile of how late the synthetic cameras started a frame
     * @param ackDelayP50Ms       median delay from a chunk's last capture to its acknowledgement
     * @param ackDelayP99Ms       99th percentile of that delay
     * @param cpuCoresUsed        this JVM's CPU time over the window, in cores
     * @param registryCoresUsed   the registry child JVM's CPU time over the window, in cores
     * @param cpuByGroup          CPU cores used per thread group
     * @param loadAverageBefore   the machine's 1-minute load average before the run
     * @param loadAverageAfter    and after the window
     * @param mbPerSecond         acknowledged chunk value megabytes per second
     */
    public record Result(int sessions, double seconds, double minFps, double medianFps, double maxFps, long dropped,
                         long framesSent, double renderLateP99Ms, long ackDelayP50Ms, long ackDelayP99Ms,
                         double cpuCoresUsed, double registryCoresUsed, Map<String, Double> cpuByGroup,
                         double loadAverageBefore, double loadAverageAfter, double mbPerSecond) {

        /** Frames the sessions were due to capture in the window. */
        public double framesDue() {
            return sessions * FPS * seconds;
        }

        /** CPU milliseconds of the producer JVM (cameras, producer, broker) per frame sent. */
        public double cpuMsPerFrame() {
            return framesSent == 0 ? 0 : cpuCoresUsed * seconds * 1000 / framesSent;
        }

        /**
         * Kept up: every session delivered at least 97 % of its due frames (catching up a backlog
         * shows as more than 100 %, so the start delay and acknowledgement delay must stay small
         * too), at most 1 % dropped.
         */
        public boolean keptUp() {
            return minFps >= 0.97 * FPS && renderLateP99Ms < 250 && ackDelayP99Ms < 1000 && dropped <= framesSent / 100;
        }
    }

    private static final double FPS = 15;

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 112;
        FrameEncoding encoding = args.length > 3 && args[3].equalsIgnoreCase("raw") ? FrameEncoding.RAW_RGB24
                : FrameEncoding.JPEG;
        Result result = run(sessions, seconds, size, encoding);
        print(result, size, encoding);
    }

    /** Starts a broker, runs the load, stops everything, returns the figures. */
    public static Result run(int sessions, int seconds, int size, FrameEncoding encoding) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (EmbeddedKafkaStack stack = EmbeddedKafkaStack.start()) {
            KafkaSettings kafka = new KafkaSettings(stack.bootstrapServers(), stack.registryUrl(), Map.of(),
                    TopicNames.withPrefix("bench-" + UUID.randomUUID() + "."));
            ProduceSettings settings = ProduceSettings.defaults("bench").withSessions(sessions).withSize(size)
                    .withEncoding(encoding);
            try (KafkaFrameProducer producer = KafkaFrameProducer.start(kafka,
                    new KafkaFrameProducer.Options(6, Optional.of((short) 1), null),
                    SourceSpec.parse("synthetic"), settings)) {
                Thread.sleep(WARM_UP_SECONDS * 1000L);
                LiveStats cameraStats = producer.frames().syntheticCameras().cameras().stats();
                cameraStats.reset();
                producer.stats().resetAckDelays();
                List<SessionPublisher> publishers = producer.frames().sessions();
                long[] sentBefore = publishers.stream().mapToLong(SessionPublisher::framesSent).toArray();
                ProducerStats.Snapshot before = producer.stats().snapshot();
                CpuClock cpu = CpuClock.start(stack.registryPid());

                ProducerStats.Snapshot previous = before;
                for (int elapsed = 0; elapsed < seconds; elapsed += PROGRESS_SECONDS) {
                    Thread.sleep(Math.min(PROGRESS_SECONDS, seconds - elapsed) * 1000L);
                    ProducerStats.Snapshot now = producer.stats().snapshot();
                    System.out.printf(Locale.ROOT, "  +%3d s: %.2f frames/s per session, %d dropped, render start "
                                    + "p99 late %.0f ms, ack p99 %d ms (cumulative)%n",
                            Math.min(seconds, elapsed + PROGRESS_SECONDS), now.framesPerSecondSince(previous) / sessions,
                            now.framesDropped() - before.framesDropped(), cameraStats.snapshot().p99LatenessMs(),
                            now.ackDelayP99Ms());
                    previous = now;
                }

                ProducerStats.Snapshot after = producer.stats().snapshot();
                CpuClock.Usage usage = cpu.stop();
                double window = (after.nanoTime() - before.nanoTime()) / 1e9;
                double[] fps = new double[publishers.size()];
                long sent = 0;
                for (int i = 0; i < fps.length; i++) {
                    long frames = publishers.get(i).framesSent() - sentBefore[i];
                    sent += frames;
                    fps[i] = frames / window;
                }
                Arrays.sort(fps);
                if (producer.failure() != null) {
                    throw new IllegalStateException("the producer failed during the benchmark", producer.failure());
                }
                return new Result(sessions, window, fps[0], fps[fps.length / 2], fps[fps.length - 1],
                        after.framesDropped() - before.framesDropped(), sent,
                        cameraStats.snapshot().p99LatenessMs(), after.ackDelayP50Ms(), after.ackDelayP99Ms(),
                        usage.processCores(), usage.registryCores(), usage.byGroup(), loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        after.bytesPerSecondSince(before) / 1e6);
            }
        }
    }

    static void print(Result r, int size, FrameEncoding encoding) {
        System.out.printf(Locale.ROOT, "%d synthetic sessions at 15 fps, %dx%d %s, %.0f s measured after %d s warm-up; "
                        + "%d cores, load average %.2f before, %.2f after%n", r.sessions(), size, size, encoding,
                r.seconds(), WARM_UP_SECONDS, Runtime.getRuntime().availableProcessors(), r.loadAverageBefore(),
                r.loadAverageAfter());
        System.out.println();
        System.out.println("| sessions | fps per session min / median / max | frames sent / due | dropped | "
                + "render start p99 late ms | ack after last capture p50 / p99 ms | MB/s | CPU cores: producer JVM "
                + "(incl. broker) | registry JVM | CPU ms per frame | kept up |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %.2f / %.2f / %.2f | %d / %.0f | %d | %.0f | %d / %d | %.2f | %.2f | %.2f | %.2f | %s |%n",
                r.sessions(), r.minFps(), r.medianFps(), r.maxFps(), r.framesSent(), r.framesDue(), r.dropped(),
                r.renderLateP99Ms(), r.ackDelayP50Ms(), r.ackDelayP99Ms(), r.mbPerSecond(), r.cpuCoresUsed(),
                r.registryCoresUsed(), r.cpuMsPerFrame(), r.keptUp() ? "yes" : "no");
        System.out.println();
        System.out.println("| thread group | CPU cores |");
        System.out.println("|---|---|");
        r.cpuByGroup().forEach((group, cores) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", group, cores));
    }

    /** CPU time of this JVM, of its thread groups and of the registry child JVM over a window. */
    private static final class CpuClock {
        private final long wallStart = System.nanoTime();
        private final long processStart = processCpuNanos();
        private final long registryPid;
        private final long registryStart;
        private final Map<Long, Long> threadStart = threadCpu();

        record Usage(double processCores, double registryCores, Map<String, Double> byGroup) {
        }

        private CpuClock(long registryPid) {
            this.registryPid = registryPid;
            this.registryStart = childCpuNanos(registryPid);
        }

        static CpuClock start(long registryPid) {
            return new CpuClock(registryPid);
        }

        Usage stop() {
            double wall = System.nanoTime() - wallStart;
            Map<Long, Long> threadEnd = threadCpu();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Double> groups = new LinkedHashMap<>();
            groups.put("synthetic cameras: render + JPEG encode", 0.0);
            groups.put("publisher threads: chunking", 0.0);
            groups.put("Kafka producer client I/O", 0.0);
            groups.put("everything else: in-process broker, GC, JIT", 0.0);
            long named = 0;
            for (Map.Entry<Long, Long> e : threadEnd.entrySet()) {
                long used = e.getValue() - threadStart.getOrDefault(e.getKey(), 0L);
                ThreadInfo info = threads.getThreadInfo(e.getKey());
                String name = info == null ? "" : info.getThreadName();
                String group = name.startsWith("synthetic-camera-") ? "synthetic cameras: render + JPEG encode"
                        : name.startsWith("publish-") ? "publisher threads: chunking"
                        : name.startsWith("kafka-producer-network-thread") ? "Kafka producer client I/O" : null;
                if (group != null) {
                    groups.merge(group, used / wall, Double::sum);
                    named += used;
                }
            }
            double process = (processCpuNanos() - processStart) / wall;
            groups.put("everything else: in-process broker, GC, JIT", process - named / wall);
            return new Usage(process, (childCpuNanos(registryPid) - registryStart) / wall, groups);
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static long childCpuNanos(long pid) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        }

        private static Map<Long, Long> threadCpu() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new LinkedHashMap<>();
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
        }
    }
}
