package dev.signstream.sink.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS12 keystore with the caption server's certificate and key, for HTTPS.
 *
 * @param file the keystore
 * @param password its password (never printed)
 */
public record HttpsKeystore(Path file, String password) {

    public HttpsKeystore {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the HTTPS keystore " + file + " is not a file");
        }
    }

    @Override
    public String toString() {
        return "HttpsKeystore[" + file + "]";
    }
}
