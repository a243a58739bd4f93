package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** A module's refusal, in words, gets the flag the user gave for that setting in front of it. */
class FlagAttributionTest {

    @Test
    void theGivenFlagWhoseWordsComeFirstIsNamed() {
        ParseResult sink = parsed("sink", "--gap", "3s", "--idle-timeout", "2s", "--max-streams", "3000");
        assertThat(FlagAttribution.attribute("the idle timeout (PT2S) must not be shorter than the sentence gap (PT3S)",
                sink)).isEqualTo("--idle-timeout: the idle timeout (PT2S) must not be shorter than the sentence gap (PT3S)");
        assertThat(FlagAttribution.attribute("max connections (2000) must exceed max streams (3000)", sink))
                .as("--max-connections was not given").startsWith("--max-streams: ");
    }

    @Test
    void aLongerFlagWinsWhereBothStartAndHyphensCount() {
        ParseResult process = parsed("process", "--threads", "2", "--onnx-threads", "-1");
        assertThat(FlagAttribution.attribute("ONNX threads (intra-op, per call) must be >= 0, not -1", process))
                .startsWith("--onnx-threads: ");
        ParseResult live = parsed("bench", "live", "--warm-up", "1s");
        assertThat(FlagAttribution.attribute("the duration must be positive and the warm-up not negative", live))
                .startsWith("--warm-up: ");
    }

    @Test
    void messagesThatNameNoGivenFlagOrAFlagAlreadyStayAsTheyAre() {
        ParseResult sink = parsed("sink", "--gap", "3s");
        assertThat(FlagAttribution.attribute("the HTTP port must be 0-65535, not 70000", sink))
                .isEqualTo("the HTTP port must be 0-65535, not 70000");
        assertThat(FlagAttribution.attribute("--lexicon and --no-lexicon contradict each other (gap)", sink))
                .isEqualTo("--lexicon and --no-lexicon contradict each other (gap)");
        assertThat(FlagAttribution.attribute("a gapless sentence", sink)).as("whole words only")
                .isEqualTo("a gapless sentence");
    }

    private static ParseResult parsed(String... args) {
        CommandLine cli = SignStream.commandLine();
        ParseResult result = cli.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }
}
