package dev.signstream.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine;

/**
 * Reports the version and the commit the application was built from, both from the jar's manifest
 * (the build writes {@code Implementation-Version} and {@code SignStream-Commit}).
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    /** Manifest attribute holding the commit. */
    static final String COMMIT = "SignStream-Commit";

    @Override
    public String[] getVersion() {
        return new String[] {describe(ownManifest())};
    }

    /** "signstream 0.1.0 (commit 58b5641)"; a build from classes, not a jar, says so. */
    static String describe(Manifest manifest) {
        if (manifest == null) {
            return "signstream (development build: run from classes, no jar manifest)";
        }
        Attributes main = manifest.getMainAttributes();
        String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        String commit = main.getValue(COMMIT);
        return "signstream " + (version == null ? "(unknown version)" : version) + " (commit "
                + (commit == null || commit.isBlank() ? "unknown" : commit) + ")";
    }

    /** The manifest of the jar this class was loaded from, or null when it was not a jar. */
    private static Manifest ownManifest() {
        try {
            Path location = Path.of(VersionProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.getManifest();
            }
        } catch (IOException | URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
