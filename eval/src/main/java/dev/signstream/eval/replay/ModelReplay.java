package dev.signstream.eval.replay;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.schemas.DeadLetters;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a range of a frames topic through one model: the processor's own service and topology
 * run under a fresh application id whose consumer group is first positioned at the range's start,
 * writing to topics of their own ({@code <prefix>eval.<run>.m<k>.words}, {@code ...dlq}), so live
 * processing, its consumer group and {@code signstream.words} are never touched. The replay is done
 * when the group's committed offsets reach the range's end (the words of those records are committed
 * in the same transactions), then the words topic is read to its end. Afterwards the replay's topics,
 * changelogs and consumer group are deleted unless they are to be kept.
 */
final class ModelReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReplay.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private ModelReplay() {
    }

    /** The isolated topic names of replay {@code index} of run {@code runId}, under the live topics' prefix. */
    static TopicNames isolatedNames(TopicNames live, String runId, int index) {
        String words = live.words();
        String prefix = words.endsWith("words") ? words.substring(0, words.length() - "words".length()) : "";
        return TopicNames.withPrefix(prefix + "eval." + runId + ".m" + index + ".");
    }

    static ModelRun run(KafkaSettings live, ReplayOptions options, Path modelDir, ReplayRange range, String runId,
                        int index, ReplayProgress progress) throws InterruptedException {
        String applicationId = "signstream-eval-" + runId + "-m" + index;
        TopicNames names = isolatedNames(live.topics(), runId, index).withFrames(range.topic());
        for (String output : List.of(names.words(), names.deadLetters(), names.sentences())) {
            if (live.topics().all().contains(output) || output.equals(range.topic())) {
                throw new IllegalStateException("replay output " + output + " is not isolated from live topics");
            }
        }
        KafkaSettings settings = live.withTopics(names);
        ProcessorOptions processorOptions = ProcessorOptions.defaults(modelDir)
                .withApplicationId(applicationId)
                .withStreamThreads(options.streamThreads())
                .withRuntime(options.runtime())
                .withBatching(BatcherSettings.of(options.maxBatch()))
                .withStateDir(tempDir());
        try (Admin admin = Admin.create(live.adminConfig())) {
            positionGroup(admin, applicationId, range);
            try {
                return replay(settings, processorOptions, range, names, admin, options, index, progress);
            } finally {
                if (options.keepTopics()) {
                    LOG.info("kept replay topics {}, {} and consumer group {}", names.words(), names.deadLetters(),
                            applicationId);
                } else {
                    cleanUp(admin, applicationId, names);
                }
                deleteRecursively(processorOptions.stateDir().orElseThrow());
            }
        }
    }

    private static ModelRun replay(KafkaSettings settings, ProcessorOptions processorOptions, ReplayRange range,
                                   TopicNames names, Admin admin, ReplayOptions options, int index,
                                   ReplayProgress progress) throws InterruptedException {
        long started = System.nanoTime();
        ProcessorService service = ProcessorService.start(processorOptions, settings, new SimpleMeterRegistry());
        ModelManifest manifest = service.model().manifest();
        progress.modelStarted(index, manifest.name(), range.records());
        try {
            if (!service.runner().awaitRunning(STARTUP_TIMEOUT)) {
                throw failure(service, "did not start within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            long runningNanos = System.nanoTime();
            long runningMs = System.currentTimeMillis();
            try (WordCollector collector = new WordCollector(settings, names.words())) {
                long processedNanos = awaitProcessed(admin, processorOptions.applicationId(), range, service, collector,
                        options.stallTimeout(), index, progress);
                if (!collector.drain(DRAIN_TIMEOUT)) {
                    throw new IllegalStateException("the words of the replay could not be read to the end of "
                            + names.words() + " within " + DRAIN_TIMEOUT.toSeconds() + " s");
                }
                long done = System.nanoTime();
                long[] callsAndSteps = service.callsAndSteps();
                // the last event is emitted while the last record is processed; without events fall back to
                // the moment the committed offsets were seen at the end
                double processing = collector.lastEmitMs() > runningMs ? (collector.lastEmitMs() - runningMs) / 1000.0
                        : (processedNanos - runningNanos) / 1e9;
                progress.modelDone(index);
                List<DeadLetterSummary> deadLetters = DeadLetterReader.read(settings, names.deadLetters(), DRAIN_TIMEOUT);
                return new ModelRun(processorOptions.modelDir(), manifest, processorOptions.applicationId(),
                        names.words(), collector.words(), collector.ended(), collector.duplicates(), deadLetters,
                        (runningNanos - started) / 1e9, processing, (done - started) / 1e9, callsAndSteps[0],
                        callsAndSteps[1]);
            }
        } finally {
            if (!service.close(CLOSE_TIMEOUT)) {
                LOG.warn("replay processor {} did not close within {} s", processorOptions.applicationId(),
                        CLOSE_TIMEOUT.toSeconds());
            }
        }
    }

    /**
     * Collects words until the group's committed offsets reach the end of the range.
     *
     * @return when that was seen ({@link System#nanoTime()})
     */
    private static long awaitProcessed(Admin admin, String applicationId, ReplayRange range, ProcessorService service,
                                       WordCollector collector, Duration stallTimeout, int index,
                                       ReplayProgress progress) throws InterruptedException {
        long total = range.records();
        long processed = -1;
        long lastProgress = System.nanoTime();
        long nextCheck = 0;
        while (true) {
            collector.poll(CHECK_EVERY);
            if (progress.stopRequested()) {
                throw new IllegalStateException("replay stopped on request after " + Math.max(processed, 0) + " of "
                        + total + " records");
            }
            if (service.runner().failure().isPresent()) {
                throw new IllegalStateException("the replay processor failed: " + service.runner().failure().get(),
                        service.runner().failure().get());
            }
            KafkaStreams.State state = service.runner().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("the replay processor stopped (" + state + ")");
            }
            if (System.nanoTime() < nextCheck) {
                continue;
            }
            nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            long now = committed(admin, applicationId, range);
            if (now > processed) {
                processed = now;
                lastProgress = System.nanoTime();
                progress.processed(index, processed);
            }
            if (processed >= total) {
                return System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException("the replay made no progress for " + stallTimeout.toSeconds()
                        + " s after " + processed + " of " + total + " records (processor state " + state + ")");
            }
        }
    }

    /** Records of the range whose offsets the group has committed. */
    private static long committed(Admin admin, String applicationId, ReplayRange range) {
        Map<TopicPartition, OffsetAndMetadata> offsets = call(() -> admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "read the offsets of consumer group " + applicationId);
        long done = 0;
        for (TopicPartition tp : range.partitions()) {
            long start = range.start().get(tp.partition());
            long end = range.end().get(tp.partition());
            OffsetAndMetadata committed = offsets.get(tp);
            long at = committed == null ? start : committed.offset();
            done += Math.max(0, Math.min(at, end) - start);
        }
        return done;
    }

    /** Commits the range's start offsets for the fresh group, so Streams begins exactly there. */
    private static void positionGroup(Admin admin, String applicationId, ReplayRange range) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : range.partitions()) {
            offsets.put(tp, new OffsetAndMetadata(range.start().get(tp.partition())));
        }
        call(() -> admin.alterConsumerGroupOffsets(applicationId, offsets).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "position consumer group " + applicationId);
    }

    /** Deletes the replay's own topics (words, sentences, dead letters, changelogs) and its consumer group. */
    private static void cleanUp(Admin admin, String applicationId, TopicNames names) {
        try {
            List<String> topics = new ArrayList<>(List.of(names.words(), names.sentences(), names.deadLetters()));
            admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(t -> t.startsWith(applicationId + "-")).forEach(topics::add);
            admin.deleteTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.deleteConsumerGroups(List.of(applicationId)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while deleting the topics and group of replay {}", applicationId);
        } catch (ExecutionException | TimeoutException e) {
            // the results stand; what is left over is named so it can be deleted by hand
            LOG.warn("could not delete the topics or consumer group of replay {} ({}*, {}): {}", applicationId,
                    names.words().substring(0, names.words().length() - "words".length()), applicationId,
                    DeadLetters.describe(e));
        }
    }

    private static IllegalStateException failure(ProcessorService service, String what) {
        return service.runner().failure()
                .map(e -> new IllegalStateException("the replay processor " + what + ": " + e, e))
                .orElseGet(() -> new IllegalStateException("the replay processor " + what + " (state "
                        + service.runner().state() + ")"));
    }

    /** A call that waits on a Kafka future. */
    @FunctionalInterface
    private interface KafkaCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(KafkaCall<T> call, String what) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": " + DeadLetters.describe(e), e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("signstream-eval-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state folder for the replay: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the replay's state folder {}: {}", dir, e.getMessage());
        }
    }
}
