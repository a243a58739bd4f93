package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.BatcherSettings;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.processor.SessionRules;
import dev.signstream.processor.StateKeeping;
import dev.signstream.sink.hls.HlsSettings;
import dev.signstream.sink.sentence.SentenceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every flag default comes from the command's {@link FlagDefaults}, read from the settings records. */
class FlagDefaultsTest {

    @Test
    void noOptionRestatesADefaultInItsAnnotation() {
        List<String> restated = new ArrayList<>();
        for (CommandLine command : commands(SignStream.commandLine())) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.defaultValue() != null) {
                    restated.add(command.getCommandSpec().qualifiedName() + " " + option.longestName());
                }
            }
        }
        assertThat(restated).isEmpty();
    }

    @Test
    void everyDefaultNamesAFlagOfItsCommand() {
        for (CommandLine command : commands(SignStream.commandLine())) {
            if (command.getCommandSpec().defaultValueProvider() instanceof FlagDefaults defaults) {
                Set<String> flags = command.getCommandSpec().options().stream().map(OptionSpec::longestName)
                        .collect(Collectors.toSet());
                assertThat(flags).as(command.getCommandSpec().qualifiedName()).containsAll(defaults.flags());
            }
        }
    }

    @Test
    void theHelpShowsTheRecordsDefaults() {
        String process = help("process");
        assertThat(process)
                .contains("default: " + ProcessorOptions.DEFAULT_STREAM_THREADS + ".")
                .contains("(default: " + DurationConverter.format(SessionRules.DEFAULT_IDLE_TIMEOUT) + ")")
                .contains("(default: " + DurationConverter.format(StateKeeping.DEFAULT_COMMIT_INTERVAL) + ")")
                .contains("(default: " + StateKeeping.DEFAULT_DECODED_STATE_BYTES / (1024 * 1024) + ")")
                .contains("(default: " + DurationConverter.format(BatcherSettings.of(1).maxWait()) + ")")
                .contains("default: cpu.");
        String sink = help("sink");
        assertThat(sink)
                .contains("(default " + DurationConverter.format(SentenceSettings.DEFAULT_GAP) + ")")
                .contains("(default " + DurationConverter.format(SentenceSettings.DEFAULT_SESSION_RETENTION) + ")")
                .contains("(default " + DurationConverter.format(HlsSettings.DEFAULT_SEGMENT) + ")")
                .contains("(default 12)")
                .contains("(default 0.34: one in three)");
        assertThat(help("record")).contains("(default: 30d)");
    }

    @Test
    void aLeftOutFlagTakesTheRecordsDefault() {
        CommandLine cli = SignStream.commandLine();
        cli.parseArgs("process", "--max-batch", "4");
        ProcessCommand process = cli.getSubcommands().get("process").getCommand();
        assertThat(process.maxBatch).isEqualTo(4);
        assertThat(process.threads).isEqualTo(ProcessorOptions.DEFAULT_STREAM_THREADS);
        assertThat(process.idleTimeout).isEqualTo(SessionRules.DEFAULT_IDLE_TIMEOUT);
        assertThat(process.commitInterval).isEqualTo(StateKeeping.DEFAULT_COMMIT_INTERVAL);
        assertThat(process.stateMemoryMib * 1024 * 1024).isEqualTo(StateKeeping.DEFAULT_DECODED_STATE_BYTES);
        assertThat(process.applicationId).isEqualTo(ProcessorOptions.DEFAULT_APPLICATION_ID);
    }

    @Test
    void durationsAreWrittenAsTheFlagsReadThem() {
        DurationConverter converter = new DurationConverter();
        for (String text : List.of("0s", "1.5s", "30s", "2m", "1h", "36h", "0.3s", "90s")) {
            Duration duration = converter.convert(text);
            assertThat(converter.convert(DurationConverter.format(duration))).as(text).isEqualTo(duration);
        }
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(DurationConverter.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationConverter.format(Duration.ofSeconds(-2))).isEqualTo("-2s");
        assertThat(DurationConverter.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }

    private static String help(String command) {
        // one line: a wrapped description breaks at spaces
        return SignStream.commandLine().getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.add(sub);
                all.addAll(commands(sub));
            }
        }
        return all;
    }
}
