package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help breaks its lines between words: no path, URL or flag is cut in two. */
class HelpTextTest {

    @Test
    void everyWordOfEveryDescriptionShowsWhole() {
        CommandLine root = SignStream.commandLine();
        List<String> cut = new ArrayList<>();
        for (CommandLine command : root.getSubcommands().values()) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> words = new ArrayList<>();
            for (String line : command.getCommandSpec().usageMessage().description()) {
                words.addAll(List.of(line.trim().split("\\s+")));
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String line : option.description()) {
                    words.addAll(List.of(line.trim().split("\\s+")));
                }
            }
            for (String word : words) {
                if (!word.contains("$") && !word.contains("%") && !help.contains(word)) {
                    cut.add(command.getCommandName() + ": '" + word + "'");
                }
            }
            assertThat(help.lines().filter(l -> l.length() > 80 && l.strip().contains(" ")))
                    .as("lines over 80 columns in %s", command.getCommandName()).isEmpty();
        }
        assertThat(cut).as("words cut by a line break").isEmpty();
    }
}
