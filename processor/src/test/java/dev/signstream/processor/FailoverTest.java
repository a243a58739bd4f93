package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.ChildJvm;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.WordEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two processor instances in their own JVMs, with the default settings, share live sessions; one of
 * them is killed with SIGKILL mid-session, again and again, and restarted. The killed instance's
 * sessions must resume on the other within 10 s (measured: from the SIGKILL until every chunk sent
 * before it is processed and its words readable), and every session's words must equal those of an
 * uninterrupted run: none lost, none doubled.
 */
@WithKafka
class FailoverTest {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverTest.class);
    private static final int SESSIONS = 6;
    private static final Path MODEL = LiveSessions.MODEL;

    /** While a failover is measured, rounds go on more slowly than real time (8 frames = 0.53 s), so the sessions last. */
    private static final Duration MEASURING_ROUND = Duration.ofMillis(1500);
    /** The acceptance bound on a moved session's pause, with the default settings. */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(10);

    @Test
    void killingAnInstanceMidSessionLosesAndDoublesNoWordAndItsSessionsResumeWithinTenSeconds(KafkaStack stack)
            throws Exception {
        FailoverReport report = run(stack, 3, 3, 11);
        assertThat(report.kills()).isEqualTo(3);
        assertThat(report.resumes()).as("kills that left work behind").isNotEmpty();
        assertThat(report.resumes()).allMatch(d -> d.compareTo(RESUME_BOUND) <= 0);
    }

    /** 20 kills: {@code mvn -Psoak verify -pl processor -Dtest=FailoverTest}. */
    @Test
    @Tag("soak")
    void soakTwentyKills(KafkaStack stack) throws Exception {
        FailoverReport report = run(stack, 20, 12, 23);
        assertThat(report.kills()).isEqualTo(20);
        assertThat(report.resumes()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(report.resumes()).allMatch(d -> d.compareTo(RESUME_BOUND) <= 0);
    }

    /**
     * @param resumes per kill that left unfinished work on the killed instance: from the SIGKILL
     *     until that work was committed and its words readable by {@code read_committed} consumers
     */
    record FailoverReport(int kills, int sessions, int words, List<Duration> resumes, Duration took) {
    }

    private FailoverReport run(KafkaStack stack, int kills, int sentences, long seed) throws Exception {
        long started = System.nanoTime();
        // Given sessions of unseen signers, and their words from an uninterrupted run
        List<RenderedSession> sessions = LiveSessions.render("failover", seed, SESSIONS, sentences);
        Map<String, List<String>> expected = LiveSessions.uninterruptedWords(sessions);

        TopicNames names = ProcessorFixture.uniqueNames("failover");
        String prefix = names.frames().substring(0, names.frames().length() - "frames".length());
        Topics topics = Topics.create(names, new AvroSerdes(stack.registryUrl(), Map.of()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(names, 4, (short) 1), Duration.ofSeconds(30));
        }
        Path stateRoot = Files.createTempDirectory("failover-");
        LOG.info("worker state and logs: {}", stateRoot);
        CompletableFuture<Worker> second = CompletableFuture.supplyAsync(() -> Worker.start(stack, prefix,
                stateRoot.resolve("b")));
        Worker[] workers = {Worker.start(stack, prefix, stateRoot.resolve("a")), second.join()};
        Random random = new Random(seed);
        List<Duration> resumes = new ArrayList<>();
        int killed = 0;
        try (KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(), "acks", "all", "enable.idempotence", true),
                Serdes.String().serializer(), topics.frames().valueSerde().serializer());
             ResumeProbe probe = new ResumeProbe(stack.bootstrapServers(), FailoverWorker.applicationId(prefix),
                     names.frames(), names.words())) {
            // When the sessions stream in, interleaved, while instances are killed (SIGKILL) and restarted
            LiveSessions.Rounds sender = new LiveSessions.Rounds(producer, names.frames(), sessions);
            int rounds = sender.total();
            int killEvery = 2;
            int nextKill = killEvery;
            CompletableFuture<Worker> replacement = null;
            int replaced = -1;
            while (sender.next() < rounds || killed < kills) {
                boolean killNow = killed < kills && (sender.next() >= nextKill || sender.next() >= rounds);
                if (killNow && replacement != null) {
                    workers[replaced] = replacement.join();
                    replacement = null;
                }
                sender.send();
                if (!killNow) {
                    Thread.sleep(150);
                    continue;
                }
                // the SIGKILL comes right after a round, so the victim dies with chunks in hand
                int victim = random.nextInt(2);
                LOG.info("round {}/{}: SIGKILL of worker {} (kill {} of {})", sender.next(), rounds, victim,
                        killed + 1, kills);
                long killedAt = System.nanoTime();
                workers[victim].kill();
                killed++;
                measureResume(probe, killedAt, sender).ifPresent(resumes::add);
                // the replacement starts while the sessions go on, as an orchestrator would restart it
                Path dir = stateRoot.resolve(victim == 0 ? "a" : "b");
                replacement = CompletableFuture.supplyAsync(() -> Worker.start(stack, prefix, dir));
                replaced = victim;
                nextKill = sender.next() + killEvery;
            }
            if (replacement != null) {
                workers[replaced] = replacement.join();
            }

            // Then every session ends with exactly its uninterrupted words
            Map<String, List<WordEvent>> received = LiveSessions.readUntilEveryEnd(stack.bootstrapServers(), topics,
                    sessions.size(), Duration.ofSeconds(180));
            int words = LiveSessions.assertSameWords(sessions, expected, received);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("failover: {} kills, {} sessions, {} words, all equal to the uninterrupted run, in {} s;"
                    + " sessions resumed after {} ms", killed, sessions.size(), words, took.toSeconds(),
                    resumes.stream().map(Duration::toMillis).toList());
            return new FailoverReport(killed, sessions.size(), words, resumes, took);
        } finally {
            for (Worker worker : workers) {
                worker.kill();
            }
        }
    }

    /**
     * After a kill: which partitions still hold unfinished work once the survivor had 1.5 s to finish
     * its own (those are the killed instance's), then how long until that work is done and readable.
     * Empty when the kill left nothing unfinished (nothing to measure).
     */
    private static java.util.Optional<Duration> measureResume(ResumeProbe probe, long killedAt,
                                                              LiveSessions.Rounds sender)
            throws Exception {
        ResumeProbe.Mark mark = probe.mark(killedAt);
        Thread.sleep(1500);
        ResumeProbe.Mark settled = probe.mark(killedAt);
        List<org.apache.kafka.common.TopicPartition> stuck = mark.pending().stream()
                .filter(settled.pending()::contains).toList();
        if (stuck.isEmpty()) {
            LOG.info("the kill left no unfinished work: nothing to measure");
            return java.util.Optional.empty();
        }
        // the live sessions go on meanwhile
        Duration resumed = probe.awaitResumed(mark, Duration.ofSeconds(60), () -> sender.sendIfDue(MEASURING_ROUND));
        LOG.info("partitions {} of the killed instance resumed {} ms after the SIGKILL", stuck, resumed.toMillis());
        return java.util.Optional.of(resumed);
    }

    /** A processor JVM. */
    private record Worker(Process process) {

        static Worker start(KafkaStack stack, String prefix, Path stateDir) {
            Process process;
            try {
                process = new ProcessBuilder(ChildJvm.command(
                    List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true"),
                    FailoverWorker.class,
                    List.of(stack.bootstrapServers(), stack.registryUrl(), prefix, MODEL.toAbsolutePath().toString(),
                            stateDir.toString())))
                    .redirectErrorStream(true)
                    .start();
                awaitRunning(process, Path.of(stateDir + ".log"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start a processor worker", e);
            }
            return new Worker(process);
        }

        /** Waits for RUNNING, then appends the worker's output to {@code log} (kept for diagnosis). */
        private static void awaitRunning(Process process, Path log) throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
            try {
                String running = CompletableFuture.supplyAsync(() -> {
                    try {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (line.equals("RUNNING") || line.equals("NOT RUNNING")) {
                                return line;
                            }
                            output.add(line);
                        }
                        return "exited (" + process.waitFor() + "): " + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
                    } catch (IOException | InterruptedException e) {
                        return "unreadable: " + e;
                    }
                }).get(90, TimeUnit.SECONDS);
                assertThat(running).isEqualTo("RUNNING");
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("processor worker did not start", e);
            }
            java.io.BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            for (String line : output) {
                writer.write(line);
                writer.newLine();
            }
            Thread drain = new Thread(() -> {
                try (writer) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        writer.write(line);
                        writer.newLine();
                    }
                } catch (IOException e) {
                    // the worker was killed mid-line; its log ends there
                }
            }, "worker-output");
            drain.setDaemon(true);
            drain.start();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
