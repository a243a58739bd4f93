package dev.signstream.app;

import dev.signstream.sink.access.CaptionTokens;
import dev.signstream.sink.access.TokenSecret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signstream sink token}: mints a caption token with the sink's secret. */
@Command(name = "token",
        header = "Mints a caption token: one session's captions (viewer) or everything (operator).",
        mixinStandardHelpOptions = true,
        defaultValueProvider = SinkTokenCommand.Defaults.class,
        description = {
            "Prints a signed, expiring caption token (a JWT, HMAC-SHA256) for the sink's caption server.",
            "Viewers send it as Authorization: Bearer TOKEN or add ?token=TOKEN (or &token=) to the overlay,",
            "events, WebVTT URLs. The secret comes from --token-secret-file, $SIGNSTREAM_CAPTION_SECRET_FILE or",
            "$SIGNSTREAM_CAPTION_SECRET, the same as the sink's."
        })
final class SinkTokenCommand implements Callable<Integer> {

    /** The defaults of {@link CaptionTokens}. */
    static final class Defaults extends FlagDefaults {
        Defaults() {
            put("--ttl", CaptionTokens.DEFAULT_TTL);
        }
    }

    @Option(names = "--session", paramLabel = "ID", description = "The session whose captions the token opens.")
    String session;

    @Option(names = "--operator", description = "A token for every session and the session list instead.")
    boolean operator;

    @Option(names = "--ttl", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the token works (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--token-secret-file", paramLabel = "FILE", description = "The secret (default: as the sink reads it).")
    Path tokenSecretFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (operator == (session != null)) {
            throw new IllegalArgumentException("give either --session ID or --operator");
        }
        CaptionTokens tokens = new CaptionTokens(TokenSecret.load(System.getenv(), Optional.ofNullable(tokenSecretFile))
                .orElseThrow(() -> new IllegalArgumentException("no caption token secret: set "
                        + TokenSecret.SECRET_FILE_ENV + ", " + TokenSecret.SECRET_ENV + " or --token-secret-file")));
        spec.commandLine().getOut().println(operator ? tokens.operator(ttl) : tokens.viewer(session, ttl));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
