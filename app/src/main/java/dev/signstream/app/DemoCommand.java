package dev.signstream.app;

import dev.signstream.app.demo.Demo;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.sink.SinkSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream demo}: the whole platform on this machine, with synthetic signers. */
@Command(name = "demo",
        header = "The whole platform on this machine with synthetic signers; live captions and a scored summary.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = DemoCommand.Defaults.class,
        description = {
            "Runs everything on this machine: Kafka and a schema registry (embedded), the processor, the sink and",
            "synthetic camera sessions signing scripted sentences. Captions appear in the terminal and on a web page.",
            "Ctrl-C (or --duration) stops it and prints a summary; the last line is JSON."
        })
final class DemoCommand implements Callable<Integer> {

    /** The defaults of {@link Demo.Options}, and the processor's and the sink's. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            put("--sessions", Demo.Options.DEFAULT_SESSIONS);
            put("--http-port", SinkSettings.DEFAULT_HTTP_PORT);
            put("--source", Demo.Options.DEFAULT_SOURCE);
            put("--model", SHIPPED_MODEL);
            put("--processor-threads", ProcessorOptions.DEFAULT_STREAM_THREADS);
        }
    }

    @Option(names = "--sessions", description = "Synthetic camera sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 60s, 5m); default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--http-port",
            description = "Port of the caption server and overlay page; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "synthetic, or one real camera session: file:PATH, device:/dev/videoN, url:URL "
                    + "(default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--processor-threads",
            description = "Processor stream threads (default: ${DEFAULT-VALUE}).")
    int processorThreads;

    @Option(names = "--quiet", description = "Do not print captions as they change; only the summary.")
    boolean quiet;

    @Option(names = "--secure", description = "Run the broker secured (SASL_SSL with SCRAM-SHA-512, ACLs), each role "
            + "with its own credentials (docs/security.md).")
    boolean secure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, not " + duration);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Demo demo = Demo.start(new Demo.Options(sessions, source, model, httpPort, processorThreads, !quiet, secure), out)) {
            long started = System.nanoTime();
            while (!Shutdown.await(Duration.ofMillis(500))) {
                if (demo.failure().isPresent()) {
                    throw new IllegalStateException("the demo stopped", demo.failure().get());
                }
                if (duration != null && System.nanoTime() - started > duration.toNanos()) {
                    break;
                }
                if (demo.camerasFinished()) {
                    break;
                }
            }
            out.println("Stopping: cameras send their last chunks...");
            out.flush();
            var summary = demo.finish(Shutdown.requested() ? Duration.ofMillis(1500) : Duration.ofSeconds(15));
            out.println();
            out.println("Summary");
            for (Map.Entry<String, List<List<String>>> session : summary.perSession().entrySet()) {
                out.printf("  %s%n    signed: %s%n    heard:  %s%n", session.getKey(),
                        String.join(" ", session.getValue().get(0)), String.join(" ", session.getValue().get(1)));
            }
            out.printf("  %d session(s), %d word(s) heard for %d signed, WER %s%n", summary.sessions(), summary.words(),
                    summary.referenceWords(),
                    Double.isNaN(summary.wer()) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * summary.wer()));
            // the figures docs/latency.md defines, by the same names as the JSON and /metrics
            out.printf("  sign end -> word: %s; sign end -> final caption: %s%n", summary.signEndToWord().text(),
                    summary.signEndToFinalCaption().text());
            out.printf("  decision -> word: %s; decision -> final caption: %s; decision -> HLS segment published: %s"
                    + " (%d sentences)%n", summary.decisionToWord().text(), summary.decisionToFinalCaption().text(),
                    summary.decisionToSegment().text(), summary.decisionToSegment().samples());
            out.println(summary.json());
            out.flush();
        }
        return 0;
    }
}
