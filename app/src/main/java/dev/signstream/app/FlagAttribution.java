package dev.signstream.app;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Names the flag behind a module's refusal. The modules name a setting in words, never by its flag
 * ("max batch must be >= 1, not 0"); the words of a flag are its name without the dashes
 * ({@code --max-batch}: "max batch"). Of the flags given on the command line, the one whose words
 * come first in the message is the one the user should look at: the reporter puts it in front
 * ("--max-batch: max batch must be >= 1, not 0").
 */
final class FlagAttribution {

    private FlagAttribution() {
    }

    /** The message with the given flag it names first in front of it, or the message as it is. */
    static String attribute(String message, ParseResult parsed) {
        if (message == null || parsed == null || message.contains("--")) {
            return message;
        }
        return flagNamedFirst(message, parsed).map(flag -> flag + ": " + message).orElse(message);
    }

    /** Of the flags given, the one whose words start first in the message (the longer on a tie). */
    static Optional<String> flagNamedFirst(String message, ParseResult parsed) {
        String bestFlag = null;
        int bestStart = Integer.MAX_VALUE;
        int bestLength = 0;
        for (OptionSpec option : parsed.matchedOptions()) {
            String flag = option.longestName();
            Matcher match = wordsOf(flag).matcher(message);
            if (match.find() && (match.start() < bestStart
                    || match.start() == bestStart && match.end() - match.start() > bestLength)) {
                bestFlag = flag;
                bestStart = match.start();
                bestLength = match.end() - match.start();
            }
        }
        return Optional.ofNullable(bestFlag);
    }

    /** {@code --max-batch}: "max batch" or "max-batch" as whole words, in any case. */
    private static Pattern wordsOf(String flag) {
        String[] words = flag.replaceFirst("^-+", "").toLowerCase(Locale.ROOT).split("-");
        StringBuilder regex = new StringBuilder("\\b");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "[ -]").append(Pattern.quote(words[i]));
        }
        return Pattern.compile(regex.append("\\b").toString(), Pattern.CASE_INSENSITIVE);
    }
}
