package dev.signstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** `signstream --version` names the version and the commit the jar was built from. */
class VersionProviderTest {

    @Test
    void theVersionAndTheCommitComeFromTheJarsManifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "0.1.0-SNAPSHOT");
        manifest.getMainAttributes().putValue(VersionProvider.COMMIT, "58b5641");
        assertThat(VersionProvider.describe(manifest)).isEqualTo("signstream 0.1.0-SNAPSHOT (commit 58b5641)");

        manifest.getMainAttributes().remove(new Attributes.Name(VersionProvider.COMMIT));
        assertThat(VersionProvider.describe(manifest)).isEqualTo("signstream 0.1.0-SNAPSHOT (commit unknown)");
        assertThat(VersionProvider.describe(null)).startsWith("signstream (development build");
    }

    @Test
    void theBuildWritesBothIntoTheManifest() throws Exception {
        // the jar plugin's configuration in app/pom.xml, as the build reads it
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        assertThat(pom).contains("<addDefaultImplementationEntries>true</addDefaultImplementationEntries>")
                .contains("<SignStream-Commit>${buildNumber}</SignStream-Commit>");
    }
}
