package dev.signstream.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's flag defaults, read from the settings records of the modules that own them (a picocli
 * default value provider). A flag left out takes its default from here, and the help's
 * {@code ${DEFAULT-VALUE}} shows the same value, so no command restates a default in an annotation.
 * Each command puts its defaults in a nested {@code Defaults} class; a mixin's flags get theirs from
 * a static method of the mixin that the command's {@code Defaults} calls.
 */
abstract class FlagDefaults implements CommandLine.IDefaultValueProvider {

    /** The shipped model, relative to the working directory (a command's default {@code --model}). */
    static final Path SHIPPED_MODEL = Path.of("models/ksl-synth-small");

    private final Map<String, String> byFlag = new LinkedHashMap<>();

    /** Gives {@code flag} (its longest name, e.g. {@code --threads}) a default, written as the flag takes it. */
    final void put(String flag, Object value) {
        if (byFlag.putIfAbsent(flag, text(value)) != null) {
            throw new IllegalStateException(flag + " has two defaults");
        }
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        return argument instanceof OptionSpec option ? byFlag.get(option.longestName()) : null;
    }

    /** The flags this provider gives a default. */
    Set<String> flags() {
        return byFlag.keySet();
    }

    private static String text(Object value) {
        if (value instanceof Duration duration) {
            return DurationConverter.format(duration);
        }
        if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
            return String.valueOf(number.longValue());
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
