package dev.signstream.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds the Apicurio Registry distribution (the {@code tar.gz:all} artifact from Maven Central that
 * the build puts in the local Maven repository) and unpacks it once into a cache directory.
 *
 * <p>{@code SIGNSTREAM_REGISTRY_DIST} may point at the tar.gz or at an unpacked directory instead;
 * {@code SIGNSTREAM_CACHE} moves the cache (default {@code ~/.cache/signstream}).
 */
final class RegistryDistribution {

    static final String DIST_ENV = "SIGNSTREAM_REGISTRY_DIST";
    static final String CACHE_ENV = "SIGNSTREAM_CACHE";

    private RegistryDistribution() {
    }

    /** The registry version this build was made with. */
    static String version() {
        Properties props = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream("/signstream-embedded.properties")) {
            if (in == null) {
                throw new IllegalStateException("signstream-embedded.properties missing from the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("apicurio.registry.version");
    }

    /** The runner jar of an unpacked distribution, unpacking it first when needed. */
    static Path runnerJar() {
        String version = version();
        String override = System.getenv(DIST_ENV);
        Path source = override != null && !override.isBlank() ? Path.of(override) : localRepositoryArchive(version);
        if (Files.isDirectory(source)) {
            return findRunner(source);
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("Apicurio Registry " + version + " not found at " + source
                    + ". Build the project once (mvn -B install -DskipTests puts it in the local Maven"
                    + " repository), or run: mvn dependency:get -Dtransitive=false"
                    + " -Dartifact=io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all"
                    + ", or set " + DIST_ENV + " to the tar.gz or an unpacked copy.");
        }
        Path target = cacheDir().resolve("apicurio-registry-" + version);
        if (!Files.isDirectory(target)) {
            unpack(source, target);
        }
        return findRunner(target);
    }

    static Path cacheDir() {
        String override = System.getenv(CACHE_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "signstream");
    }

    private static Path localRepositoryArchive(String version) {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank()
                ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve(Path.of("io", "apicurio", "apicurio-registry-app", version,
                "apicurio-registry-app-" + version + "-all.tar.gz"));
    }

    private static Path findRunner(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Unpacks into a temporary sibling, then renames it: a crash never leaves half a copy. */
    private static void unpack(Path archive, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
            try (InputStream file = Files.newInputStream(archive);
                 TarArchiveInputStream tar = new TarArchiveInputStream(
                         new GzipCompressorInputStream(new BufferedInputStream(file)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = partial.resolve(entry.getName()).normalize();
                    if (!out.startsWith(partial)) {
                        throw new IOException("archive entry escapes the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another process unpacked it first: use theirs.
                EmbeddedKafkaBroker.deleteQuietly(partial);
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + target, e);
        }
    }
}
