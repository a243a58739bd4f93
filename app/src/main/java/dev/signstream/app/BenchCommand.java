package dev.signstream.app;

import dev.signstream.bench.pipeline.BacklogBench;
import dev.signstream.bench.pipeline.BacklogOptions;
import dev.signstream.bench.pipeline.BenchCluster;
import dev.signstream.bench.pipeline.LiveBench;
import dev.signstream.bench.pipeline.LiveOptions;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream bench}: the platform's own performance tests, on the embedded stack or any cluster. */
@Command(name = "bench",
        header = "Benchmarks: the processor over a recorded backlog against raw ONNX Runtime, or N live sessions.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a benchmark in the manner of Kafka's perf-test tools: a Markdown table, then as the last line one JSON object.",
            "Without --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS, or a client config) it starts the embedded broker",
            "and registry; with them it uses that cluster (topics of its own, prefixed bench-...). Every role the",
            "benchmark needs runs in this process."
        },
        subcommands = {BenchCommand.Backlog.class, BenchCommand.Live.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The cluster options both benchmarks take. */
    static final class Cluster {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--replication-factor", defaultValue = "1",
                description = "Replicas of the benchmark's topics on a real cluster (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        BenchCluster start() {
            boolean given = kafka.bootstrapServers != null || kafka.clientConfig != null
                    || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
            Optional<KafkaSettings> settings = given ? Optional.of(kafka.settings(KafkaOptions.STREAMS_CLIENTS))
                    : Optional.empty();
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("--replication-factor must be >= 1, not " + replicationFactor);
            }
            return BenchCluster.of(settings, replicationFactor);
        }
    }

    @Command(name = "backlog", mixinStandardHelpOptions = true,
            header = "Processor frames/s through Kafka over raw ONNX Runtime frames/s, on a recorded backlog.",
            description = {
                "Records synthetic sessions into a frames topic, processes the backlog once per configuration",
                "(stream threads x max batch) with a fresh application id, and measures raw ONNX Runtime doing the same",
                "model step right after; then sends the backlog again and times the duplicates. JSON fields:",
                "processor_over_raw (best configuration, raw with one calling thread), duplicate_over_applied, ..."
            })
    static final class Backlog implements Callable<Integer> {
        @Mixin
        Cluster cluster;

        @Option(names = "--model", paramLabel = "DIR", defaultValue = "models/ksl-synth-small",
                description = "Model folder (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--sessions", defaultValue = "12", description = "Recorded sessions (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--length", defaultValue = "60s", converter = DurationConverter.class,
                description = "Length of each recorded session (default: ${DEFAULT-VALUE}).")
        Duration length;

        @Option(names = "--encoding", defaultValue = "JPEG", description = "JPEG or RAW_RGB24 (default: ${DEFAULT-VALUE}).")
        FrameEncoding encoding;

        @Option(names = "--configs", defaultValue = "1x1,2x1,2x2,4x4", paramLabel = "TxB[,...]",
                description = "Processor configurations, stream threads x max batch (default: ${DEFAULT-VALUE}).")
        String configs;

        @Option(names = "--raw-seconds", defaultValue = "10",
                description = "Seconds raw ONNX Runtime is measured after each configuration (default: ${DEFAULT-VALUE}).")
        double rawSeconds;

        @Option(names = "--commit-interval", converter = DurationConverter.class,
                description = "The processor's commit interval (default: the processor's, 1s).")
        Duration commitInterval;

        @Option(names = "--no-duplicates", description = "Skip the replay of the backlog as duplicates.")
        boolean noDuplicates;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<BacklogOptions.Config> parsed = Arrays.stream(configs.split(",")).map(BacklogOptions.Config::parse).toList();
            BacklogOptions options = new BacklogOptions(model, sessions, length, encoding, parsed, rawSeconds,
                    commitInterval == null ? StateKeeping.DEFAULT_COMMIT_INTERVAL : commitInterval, !noDuplicates,
                    partitions);
            PrintWriter out = spec.commandLine().getOut();
            try (BenchCluster benchCluster = cluster.start()) {
                BacklogBench.run(options, benchCluster, out);
            }
            return 0;
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            header = "N live sessions through every role: fps per session, drops, decision_to_word and decision_to_readable latency, changelog, CPU.",
            description = {
                "Starts the processor and the sink (and the embedded broker and registry unless a cluster is given) and",
                "N camera sessions replaying pre-rendered synthetic chunks in real time with fresh capture times",
                "(--render renders the synthetic signers live instead), warms up, then measures for --duration."
            })
    static final class Live implements Callable<Integer> {
        @Mixin
        Cluster cluster;

        @Option(names = "--model", paramLabel = "DIR", defaultValue = "models/ksl-synth-small",
                description = "Model folder (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--sessions", defaultValue = "100", description = "Live sessions (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
                description = "How long to measure (default: ${DEFAULT-VALUE}).")
        Duration duration;

        @Option(names = "--warm-up", defaultValue = "15s", converter = DurationConverter.class,
                description = "How long to run before measuring (default: ${DEFAULT-VALUE}).")
        Duration warmUp;

        @Option(names = "--render", description = "Render the synthetic signers live (the producer's cameras) instead of "
                + "replaying pre-rendered chunks; the renderer then shares the machine with the platform.")
        boolean render;

        @Option(names = "--pool", defaultValue = "16",
                description = "Distinct pre-rendered sessions the replayed ones cycle through (default: ${DEFAULT-VALUE}).")
        int pool;

        @Option(names = "--threads", defaultValue = "2", description = "Processor stream threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--max-batch", defaultValue = "1",
                description = "Most sessions in one ONNX call; 1: no batcher (default: ${DEFAULT-VALUE}).")
        int maxBatch;

        @Option(names = "--commit-interval", converter = DurationConverter.class,
                description = "The processor's commit interval (default: the processor's, 1s).")
        Duration commitInterval;

        @Option(names = "--encoding", defaultValue = "JPEG", description = "JPEG or RAW_RGB24 (default: ${DEFAULT-VALUE}).")
        FrameEncoding encoding;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
        int partitions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LiveOptions options = new LiveOptions(model, sessions, duration, warmUp, render, pool, threads, maxBatch,
                    commitInterval == null ? StateKeeping.DEFAULT_COMMIT_INTERVAL : commitInterval, encoding, partitions);
            PrintWriter out = spec.commandLine().getOut();
            try (BenchCluster benchCluster = cluster.start()) {
                LiveBench.run(options, benchCluster, out);
            }
            return 0;
        }
    }
}
