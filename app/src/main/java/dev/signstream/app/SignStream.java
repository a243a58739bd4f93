package dev.signstream.app;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code signstream} command: live Korean Sign Language recognition on Kafka. */
@Command(name = "signstream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Live Korean Sign Language recognition: cameras -> Kafka -> MoViNet stream model -> words -> captions.",
        subcommands = {
            AclsCommand.class,
            BenchCommand.class,
            BrokerCommand.class,
            CorpusCommand.class,
            DemoCommand.class,
            EvalCommand.class,
            ProcessCommand.class,
            ProduceCommand.class,
            RecordCommand.class,
            SinkCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SignStream implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with SignStream's error handling (used by {@link #main} and tests). */
    public static CommandLine commandLine() {
        return WordWrapHelp.install(new CommandLine(new SignStream())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true));
    }

    /**
     * Runs a command. Ctrl-C (SIGINT/SIGTERM) asks the running command to stop and waits for it to
     * shut down cleanly.
     */
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::requestAndAwait, "signstream-shutdown"));
        int exitCode = commandLine().execute(args);
        Shutdown.markDone();
        System.exit(exitCode);
    }
}
