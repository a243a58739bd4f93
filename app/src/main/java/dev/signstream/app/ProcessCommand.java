package dev.signstream.app;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.inference.engine.Device;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.ProcessorService;
import dev.signstream.processor.SessionRules;
import dev.signstream.processor.StateKeeping;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.service.ops.OpsMetrics;
import dev.signstream.service.ops.OpsServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.acl.AclOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream process}: one processor instance (run several with the same application id to scale out). */
@Command(name = "process",
        header = "Session inference: frame chunks in, word events out, exactly once.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ProcessCommand.Defaults.class,
        description = {
            "Runs session inference: frame chunks in, word events out, exactly once.",
            "Instances with the same --application-id share the sessions; kill one and the others take over."
        })
final class ProcessCommand implements Callable<Integer> {

    private static final long MIB = 1024 * 1024;

    /** The defaults of {@link ProcessorOptions} and the records it holds. */
    static final class Defaults extends FlagDefaults {
        /** Port of /health and /metrics. */
        static final int OPS_PORT = 9091;

        Defaults() {
            RuntimeOptions runtime = RuntimeOptions.cpu();
            BatcherSettings batching = BatcherSettings.of(ProcessorOptions.DEFAULT_MAX_BATCH);
            put("--model", SHIPPED_MODEL);
            put("--threads", ProcessorOptions.DEFAULT_STREAM_THREADS);
            put("--device", runtime.device());
            put("--onnx-threads", runtime.intraOpThreads());
            put("--standby", ProcessorOptions.DEFAULT_STANDBY_REPLICAS);
            put("--max-batch", batching.maxBatch());
            put("--max-wait", batching.maxWait());
            put("--idle-timeout", SessionRules.DEFAULT_IDLE_TIMEOUT);
            put("--commit-interval", StateKeeping.DEFAULT_COMMIT_INTERVAL);
            put("--state-memory", StateKeeping.DEFAULT_DECODED_STATE_BYTES / MIB);
            put("--application-id", ProcessorOptions.DEFAULT_APPLICATION_ID);
            put("--partitions", TopicProvisioner.DEFAULT_PARTITIONS);
            put("--http-port", OPS_PORT);
        }
    }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (model.onnx, model.json, labels.json); default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--threads",
            description = "Stream threads, each stepping its sessions (with --max-batch > 1 their concurrent steps "
                    + "share ONNX calls); default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--device",
            description = "cpu or gpu (gpu needs a build with -Pgpu and CUDA 12 + cuDNN 9); default: ${DEFAULT-VALUE}.")
    Device device;

    @Option(names = "--onnx-threads",
            description = "ONNX Runtime intra-op threads per call; 0 lets ONNX Runtime choose (default: ${DEFAULT-VALUE}).")
    int onnxThreads;

    @Option(names = "--standby",
            description = "Standby replicas of each session store on other instances, for faster failover (default: ${DEFAULT-VALUE}).")
    int standby;

    @Option(names = "--max-batch", description = "Most sessions in one ONNX call; 1 steps each "
            + "chunk on its stream thread's own predictor, with no batcher; more gathers the stream threads' steps "
            + "into shared calls, for a GPU (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait", converter = DurationConverter.class,
            description = "How long a step may wait for batch partners (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(names = "--idle-timeout", converter = DurationConverter.class,
            description = "End a session after this long without a chunk (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--commit-interval", converter = DurationConverter.class,
            description = "Exactly-once commit interval: a session's state reaches the changelog at most once per "
                    + "interval, and words become readable (by the sink) when it commits (default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(names = "--state-memory", paramLabel = "MIB",
            description = "MiB of session states kept decoded in memory between chunks, all tasks together; "
                    + "0 decodes every chunk's session from the store (default: ${DEFAULT-VALUE}).")
    long stateMemoryMib;

    @Option(names = "--application-id",
            description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the session stores live (default: Kafka Streams' own).")
    Path stateDir;

    @Option(names = "--partitions",
            description = "Partitions of topics created when missing (bounds the instances that share work; default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--http-port",
            description = "Port of /health and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings(KafkaOptions.STREAMS_CLIENTS);
        ProcessorOptions options = new ProcessorOptions(model, applicationId, threads, standby,
                new RuntimeOptions(device, onnxThreads, 0), BatcherSettings.of(maxBatch).withMaxWait(maxWait),
                SessionRules.defaults().withIdleTimeout(idleTimeout), Optional.ofNullable(stateDir), partitions, Map.of(),
                new StateKeeping(commitInterval, Math.multiplyExact(stateMemoryMib, MIB)));
        // every local mistake first: the cluster check waits for the network
        KafkaOptions.check(settings, Map.of(settings.topics().frames(), Set.of(AclOperation.READ),
                settings.topics().words(), Set.of(AclOperation.WRITE),
                settings.topics().deadLetters(), Set.of(AclOperation.WRITE)));
        PrintWriter out = spec.commandLine().getOut();
        try (OpsMetrics metrics = new OpsMetrics();
             ProcessorService processor = ProcessorService.start(options, settings, metrics.registry());
             OpsServer ops = OpsServer.start("0.0.0.0", httpPort, processor.health(), metrics.registry())) {
            out.printf("Processing %s -> %s with model %s (%s); health and metrics on http://localhost:%d/health, /metrics%n",
                    settings.topics().frames(), settings.topics().words(), processor.model().manifest().name(),
                    processor.model().manifest().version(), ops.port());
            out.println("Ctrl-C stops.");
            out.flush();
            while (!Shutdown.await(Duration.ofSeconds(1))) {
                if (processor.failure().isPresent()) {
                    throw new IllegalStateException("processing stopped", processor.failure().get());
                }
            }
            out.println("Stopping the processor...");
            out.flush();
        }
        return 0;
    }
}
