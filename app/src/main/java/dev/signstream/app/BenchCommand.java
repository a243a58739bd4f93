package dev.signstream.app;

import dev.signstream.bench.pipeline.BacklogBench;
import dev.signstream.bench.pipeline.BacklogOptions;
import dev.signstream.bench.pipeline.BenchCluster;
import dev.signstream.bench.pipeline.LiveBench;
import dev.signstream.bench.pipeline.LiveOptions;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.StateKeeping;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.FrameEncoding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream bench}: the platform's own performance tests, on the embedded stack or any cluster. */
@Command(name = "bench",
        header = "Benchmarks: the processor over a recorded backlog against raw ONNX Runtime, or N live sessions.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a benchmark in the manner of Kafka's perf-test tools: a Markdown table, "
                + "then as the last line one JSON object. Without --bootstrap-servers (or "
                + "KAFKA_BOOTSTRAP_SERVERS, or a client config) it starts the embedded broker and "
                + "registry; with them it uses that cluster (topics of its own, prefixed "
                + "bench-...). Every role the benchmark needs runs in this process."
        },
        subcommands = {BenchCommand.Backlog.class, BenchCommand.Live.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options both benchmarks take: the cluster, the model, and how the processor and topics are set up. */
    static final class Cluster {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--encoding", description = "jpeg or raw_rgb24 (default: ${DEFAULT-VALUE}).")
        FrameEncoding encoding;

        @Option(names = "--commit-interval", converter = DurationConverter.class,
                description = "The processor's commit interval (default: the processor's, ${DEFAULT-VALUE}).")
        Duration commitInterval;

        @Option(names = "--partitions", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor",
                description = "Replicas of the benchmark's topics on a real cluster (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        BenchCluster start() {
            boolean given = kafka.bootstrapServers != null || kafka.clientConfig != null
                    || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
            Optional<KafkaSettings> settings = given ? Optional.of(kafka.settings(KafkaOptions.STREAMS_CLIENTS))
                    : Optional.empty();
            return BenchCluster.of(settings, replicationFactor);
        }

        /** The defaults of these flags (the encoding and partitions are each benchmark's). */
        static void putDefaults(FlagDefaults defaults) {
            defaults.put("--replication-factor", BenchCluster.DEFAULT_REPLICATION_FACTOR);
            defaults.put("--model", FlagDefaults.SHIPPED_MODEL);
            defaults.put("--commit-interval", StateKeeping.DEFAULT_COMMIT_INTERVAL);
        }
    }

    @Command(name = "backlog", mixinStandardHelpOptions = true, defaultValueProvider = Backlog.Defaults.class,
            header = "Processor frames/s through Kafka over raw ONNX Runtime frames/s, on a recorded backlog.",
            description = {
                "Records synthetic sessions into a frames topic, processes the backlog once per "
                    + "configuration (stream threads x max batch) with a fresh application id, and "
                    + "measures raw ONNX Runtime doing the same model step right after; then sends "
                    + "the backlog again and times the duplicates. JSON fields: processor_over_raw "
                    + "(best configuration, raw with one calling thread), duplicate_over_applied, ..."
            })
    static final class Backlog implements Callable<Integer> {

        /** The defaults of {@link BacklogOptions}, and the processor's commit interval. */
        static final class Defaults extends FlagDefaults {
            Defaults() {
                put("--sessions", BacklogOptions.DEFAULT_SESSIONS);
                put("--length", BacklogOptions.DEFAULT_LENGTH);
                put("--encoding", BacklogOptions.DEFAULT_ENCODING);
                put("--configs", BacklogOptions.DEFAULT_CONFIGS.stream().map(BacklogOptions.Config::toString)
                        .collect(Collectors.joining(",")));
                put("--raw-seconds", BacklogOptions.DEFAULT_RAW_SECONDS);
                put("--partitions", BacklogOptions.DEFAULT_PARTITIONS);
                Cluster.putDefaults(this);
            }
        }

        @Mixin
        Cluster cluster;

        @Option(names = "--sessions", description = "Recorded sessions (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--length", converter = DurationConverter.class,
                description = "Length of each recorded session (default: ${DEFAULT-VALUE}).")
        Duration length;

        @Option(names = "--configs", paramLabel = "TxB[,...]",
                description = "Processor configurations, stream threads x max batch (default: ${DEFAULT-VALUE}).")
        String configs;

        @Option(names = "--raw-seconds",
                description = "Seconds raw ONNX Runtime is measured after each configuration (default: ${DEFAULT-VALUE}).")
        double rawSeconds;

        @Option(names = "--no-duplicates", description = "Skip the replay of the backlog as duplicates.")
        boolean noDuplicates;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<BacklogOptions.Config> parsed = Arrays.stream(configs.split(",")).map(BacklogOptions.Config::parse).toList();
            BacklogOptions options = new BacklogOptions(cluster.model, sessions, length, cluster.encoding, parsed,
                    rawSeconds, cluster.commitInterval, !noDuplicates, cluster.partitions);
            PrintWriter out = spec.commandLine().getOut();
            try (BenchCluster benchCluster = cluster.start()) {
                BacklogBench.run(options, benchCluster, out);
            }
            return 0;
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true, defaultValueProvider = Live.Defaults.class,
            header = "N live sessions through every role: fps per session, drops, decision_to_word and decision_to_readable latency, changelog, CPU.",
            description = {
                "Starts the processor and the sink (and the embedded broker and registry unless "
                    + "a cluster is given) and N camera sessions replaying pre-rendered synthetic "
                    + "chunks in real time with fresh capture times (--render renders the synthetic "
                    + "signers live instead), warms up, then measures for --duration."
            })
    static final class Live implements Callable<Integer> {

        /** The defaults of {@link LiveOptions}, and the processor's. */
        static final class Defaults extends FlagDefaults {
            Defaults() {
                put("--sessions", LiveOptions.DEFAULT_SESSIONS);
                put("--duration", LiveOptions.DEFAULT_DURATION);
                put("--warm-up", LiveOptions.DEFAULT_WARM_UP);
                put("--pool", LiveOptions.DEFAULT_POOL_SESSIONS);
                put("--threads", ProcessorOptions.DEFAULT_STREAM_THREADS);
                put("--max-batch", ProcessorOptions.DEFAULT_MAX_BATCH);
                put("--encoding", LiveOptions.DEFAULT_ENCODING);
                put("--partitions", LiveOptions.DEFAULT_PARTITIONS);
                Cluster.putDefaults(this);
            }
        }

        @Mixin
        Cluster cluster;

        @Option(names = "--sessions", description = "Live sessions (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--duration", converter = DurationConverter.class,
                description = "How long to measure (default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Option(names = "--warm-up", converter = DurationConverter.class,
                description = "How long to run before measuring (default: ${DEFAULT-VALUE}).")
        Duration warmUp;

        @Option(names = "--render", description = "Render the synthetic signers live (the producer's cameras) instead of "
                + "replaying pre-rendered chunks; the renderer then shares the machine with the platform.")
        boolean render;

        @Option(names = "--pool",
                description = "Distinct pre-rendered sessions the replayed ones cycle through (default: ${DEFAULT-VALUE}).")
        int pool;

        @Option(names = "--threads", description = "Processor stream threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--max-batch",
                description = "Most sessions in one ONNX call; 1: no batcher (default: ${DEFAULT-VALUE}).")
        int maxBatch;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LiveOptions options = new LiveOptions(cluster.model, sessions, duration, warmUp, render, pool, threads,
                    maxBatch, cluster.commitInterval, cluster.encoding, cluster.partitions);
            PrintWriter out = spec.commandLine().getOut();
            try (BenchCluster benchCluster = cluster.start()) {
                LiveBench.run(options, benchCluster, out);
            }
            return 0;
        }
    }
}
