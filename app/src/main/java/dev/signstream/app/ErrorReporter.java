package dev.signstream.app;

import dev.signstream.schemas.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a failed command into one clear line on stderr and a non-zero exit code; the stack trace
 * goes to the log at DEBUG (run with {@code SIGNSTREAM_LOG_LEVEL=DEBUG} to see it). A refused
 * setting names the flag the user gave for it ({@link FlagAttribution}).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
    /** Exit code of a configuration error. */
    static final int CONFIG_ERROR = 2;
    /** Exit code of any other failure. */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        if (error instanceof InvalidSettingException || error instanceof IllegalArgumentException) {
            command.getErr().println("signstream " + command.getCommandName() + ": "
                    + FlagAttribution.attribute(error.getMessage(), command.getParseResult()));
            LOG.debug("configuration error", error);
            return CONFIG_ERROR;
        }
        command.getErr().println("signstream " + command.getCommandName() + " failed: " + describe(error));
        LOG.debug("command failed", error);
        return FAILURE;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
