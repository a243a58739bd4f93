package dev.signstream.eval.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the soak tests find the trained model: {@code -Dsignstream.model=DIR}, else the shipped one. */
final class ShippedModel {

    private ShippedModel() {
    }

    static Path folder() {
        // Tests run in the module folder, so the repository's models/ is one level up.
        Path folder = Path.of(System.getProperty("signstream.model", "../models/ksl-synth-small"));
        assertThat(Files.isRegularFile(folder.resolve("model.json")))
                .as("the soak tests need a trained model at %s (training/ ships models/ksl-synth-small; "
                        + "-Dsignstream.model=DIR picks another)", folder.toAbsolutePath().normalize())
                .isTrue();
        return folder;
    }
}
