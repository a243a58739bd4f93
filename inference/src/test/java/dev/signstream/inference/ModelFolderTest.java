package dev.signstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.inference.engine.Device;
import dev.signstream.inference.engine.DeviceUnavailableException;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.model.InvalidModelException;
import dev.signstream.inference.model.ModelFolder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.model.StateKind;
import dev.signstream.inference.model.StateStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a model folder, and the clear errors for folders, graphs and devices that cannot work. */
class ModelFolderTest {

    @TempDir
    Path temp;

    /** A copy of the test model in a new folder, with its manifest edited. */
    private Path copyWithManifest(UnaryOperator<String> edit) throws IOException {
        Path source = TestModel.folder();
        Path copy = Files.createTempDirectory(temp, "model");
        for (String file : new String[] {"model.onnx", "labels.json"}) {
            Files.copy(source.resolve(file), copy.resolve(file));
        }
        String manifest = Files.readString(source.resolve("model.json"), StandardCharsets.UTF_8);
        Files.writeString(copy.resolve("model.json"), edit.apply(manifest), StandardCharsets.UTF_8);
        return copy;
    }

    @Test
    void manifestOfTheTestModelIsRead() {
        ModelManifest m = ModelFolder.load(TestModel.folder()).manifest();
        assertThat(m.name()).isEqualTo("random-small");
        assertThat(m.version()).isEqualTo(ModelFolder.versionOf(TestModel.folder().resolve("model.onnx")));
        assertThat(m.width()).isEqualTo(TestModel.SIZE);
        assertThat(m.height()).isEqualTo(TestModel.SIZE);
        assertThat(m.chunkLength()).isEqualTo(8);
        assertThat(m.idleLabel()).isEqualTo("<idle>");
        assertThat(m.idleIndex()).isZero();
        assertThat(m.classes()).isEqualTo(7);
        assertThat(m.signingIndex()).isEqualTo(6);
        assertThat(m.states()).hasSize(14);
        assertThat(m.states()).filteredOn(s -> s.kind() == StateKind.STREAM_BUFFER)
                .allMatch(s -> s.storage() == StateStorage.FLOAT16);
        assertThat(m.states()).filteredOn(s -> s.kind() != StateKind.STREAM_BUFFER)
                .allMatch(s -> s.storage() == StateStorage.FLOAT32);
    }

    @Test
    void aManifestFromAnotherExportIsRefused() throws IOException {
        String version = ModelFolder.load(TestModel.folder()).manifest().version();
        Path folder = copyWithManifest(s -> s.replace(version, "0123456789abcdef"));
        assertThatThrownBy(() -> ModelFolder.load(folder)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("hashes to version " + version).hasMessageContaining("0123456789abcdef");
    }

    @Test
    void brokenManifestsNameTheProblem() throws IOException {
        Path idle = copyWithManifest(s -> s.replace("\"idle_label\": \"<idle>\"", "\"idle_label\": \"<rest>\""));
        assertThatThrownBy(() -> ModelFolder.load(idle)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("idle_label '<rest>'");
        Path fp16Sum = copyWithManifest(s -> s.replaceFirst(
                "(\"kind\": \"frame_count\",\\s*\"storage\": )\"float32\"", "$1\"float16\""));
        assertThatThrownBy(() -> ModelFolder.load(fp16Sum)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("must be stored as float32");
        assertThatThrownBy(() -> ModelFolder.load(temp.resolve("nowhere"))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void decoderThresholdsOfTheManifestReachTheDecoder() throws IOException {
        Path folder = copyWithManifest(s -> s.replaceFirst("\"decoder\": \\{[^}]*}",
                "\"decoder\": {\"kind\": \"peak\", \"min_confidence\": 0.75, \"top_k\": 3}"));
        try (StreamModel model = StreamModel.load(folder, RuntimeOptions.cpu().withIntraOpThreads(1))) {
            assertThat(model.wordDecoder().config().minConfidence()).isEqualTo(0.75);
            assertThat(model.wordDecoder().config().topK()).isEqualTo(3);
            assertThat(model.manifest().signingIndex()).isEqualTo(6);
        }
        Path oldFormat = copyWithManifest(s -> s.replace("\"format\": 2", "\"format\": 1"));
        assertThatThrownBy(() -> ModelFolder.load(oldFormat)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("format 1").hasMessageContaining("retrain");
        Path otherKind = copyWithManifest(s -> s.replace("\"kind\": \"peak\"", "\"kind\": \"reset\""));
        assertThatThrownBy(() -> ModelFolder.load(otherKind)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("decoder.kind");
        Path badSigning = copyWithManifest(s -> s.replace("\"signing_label\": \"<signing>\"",
                "\"signing_label\": \"<busy>\""));
        assertThatThrownBy(() -> ModelFolder.load(badSigning)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("signing_label");
    }

    @Test
    void gpuWithoutTheCudaBuildFailsWithAClearMessage() {
        RuntimeOptions gpu = new RuntimeOptions(Device.GPU, 1, 0);
        assertThatThrownBy(() -> StreamModel.load(TestModel.folder(), gpu))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("device gpu needs")
                .hasMessageContaining("-Pgpu")
                .hasMessageContaining("use device cpu");
    }
}
