package dev.signstream.sink.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC secret caption tokens are signed with: from a file ({@code --token-secret-file} or
 * {@code SIGNSTREAM_CAPTION_SECRET_FILE}) or a variable ({@code SIGNSTREAM_CAPTION_SECRET}). At least
 * {@value #MIN_BYTES} bytes; messages never show it.
 */
public final class TokenSecret {

    /** Variable holding the secret itself. */
    public static final String SECRET_ENV = "SIGNSTREAM_CAPTION_SECRET";
    /** Variable naming a file that holds the secret. */
    public static final String SECRET_FILE_ENV = "SIGNSTREAM_CAPTION_SECRET_FILE";
    /** Shortest secret accepted (HMAC-SHA256 wants at least its output size). */
    public static final int MIN_BYTES = 32;

    private TokenSecret() {
    }

    /**
     * The configured secret: the flag's file, else the file variable, else the variable; empty when
     * none is set (the caption server is then open).
     */
    public static Optional<byte[]> load(Map<String, String> env, Optional<Path> fileFlag) {
        Optional<Path> file = fileFlag.or(() -> Optional.ofNullable(env.get(SECRET_FILE_ENV)).filter(s -> !s.isBlank())
                .map(Path::of));
        if (file.isPresent()) {
            return Optional.of(check(read(file.get()), "the secret in " + file.get()));
        }
        String value = env.get(SECRET_ENV);
        if (value != null && !value.isBlank()) {
            return Optional.of(check(value.strip().getBytes(StandardCharsets.UTF_8), SECRET_ENV));
        }
        return Optional.empty();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("caption token secret file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the caption token secret file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] check(byte[] secret, String source) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(source + " is " + secret.length + " bytes; a caption token secret needs at"
                    + " least " + MIN_BYTES + " (e.g. head -c 48 /dev/urandom | base64)");
        }
        return secret;
    }
}
