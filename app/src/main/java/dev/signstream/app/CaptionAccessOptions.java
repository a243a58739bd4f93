package dev.signstream.app;

import dev.signstream.sink.access.CaptionTokens;
import dev.signstream.sink.access.HttpAccess;
import dev.signstream.sink.access.HttpsKeystore;
import dev.signstream.sink.access.StreamLimits;
import dev.signstream.sink.access.TokenSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The caption server's protection as flags (a picocli mixin of {@code signstream sink}, whose
 * defaults take {@link #putDefaults}).
 */
final class CaptionAccessOptions {

    /** Variable holding the HTTPS keystore's password. */
    static final String KEYSTORE_PASSWORD_ENV = "SIGNSTREAM_HTTPS_KEYSTORE_PASSWORD";

    @Option(names = "--token-secret-file", paramLabel = "FILE",
            description = "HMAC secret that signs caption tokens (at least 32 bytes); default: $SIGNSTREAM_CAPTION_SECRET_FILE, "
                    + "else $SIGNSTREAM_CAPTION_SECRET. Without one, captions are open to anyone.")
    Path tokenSecretFile;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed to call the caption server (e.g. https://player.example.com); repeatable. "
                    + "Default: none (same origin only).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--https-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS12 keystore; its password from $SIGNSTREAM_HTTPS_KEYSTORE_PASSWORD "
                    + "or --https-keystore-password-file.")
    Path httpsKeystore;

    @Option(names = "--https-keystore-password-file", paramLabel = "FILE", description = "File holding the keystore's password.")
    Path httpsKeystorePasswordFile;

    @Option(names = "--max-streams", paramLabel = "N",
            description = "Most open event streams in all (default: ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(names = "--max-streams-per-session", paramLabel = "N",
            description = "Most open event streams of one session (default: ${DEFAULT-VALUE}).")
    int maxStreamsPerSession;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most open HTTP connections (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    /** The defaults of these flags, from {@link StreamLimits} and {@link HttpAccess}. */
    static void putDefaults(FlagDefaults defaults) {
        StreamLimits limits = StreamLimits.defaults();
        defaults.put("--max-streams", limits.total());
        defaults.put("--max-streams-per-session", limits.perSession());
        defaults.put("--max-connections", HttpAccess.DEFAULT_MAX_CONNECTIONS);
    }

    /** The protection these flags and the environment describe. */
    HttpAccess access(Map<String, String> env) {
        Optional<CaptionTokens> tokens = TokenSecret.load(env, Optional.ofNullable(tokenSecretFile)).map(CaptionTokens::new);
        Optional<HttpsKeystore> https = Optional.empty();
        if (httpsKeystore != null) {
            https = Optional.of(new HttpsKeystore(httpsKeystore, keystorePassword(env)));
        } else if (httpsKeystorePasswordFile != null) {
            throw new IllegalArgumentException("--https-keystore-password-file needs --https-keystore");
        }
        return new HttpAccess(tokens, corsOrigins, https, new StreamLimits(maxStreamsPerSession, maxStreams), maxConnections);
    }

    private String keystorePassword(Map<String, String> env) {
        if (httpsKeystorePasswordFile != null) {
            try {
                return Files.readString(httpsKeystorePasswordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --https-keystore-password-file " + httpsKeystorePasswordFile
                        + ": " + e.getMessage());
            }
        }
        String password = env.get(KEYSTORE_PASSWORD_ENV);
        if (password == null) {
            throw new IllegalArgumentException("--https-keystore needs its password: set " + KEYSTORE_PASSWORD_ENV
                    + " or --https-keystore-password-file");
        }
        return password;
    }
}
