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

    private Path copyWithManifest(UnaryOperator<String> edit) throws IOException {
        Path source = TestModel.folder();
        for (String file : new String[] {"model.onnx", "labels.json"}) {
            Files.copy(source.resolve(file), temp.resolve(file));
        }
        String manifest = Files.readString(source.resolve("model.json"), StandardCharsets.UTF_8);
        Files.writeString(temp.resolve("model.json"), edit.apply(manifest), StandardCharsets.UTF_8);
        return temp;
    }

    @Test
    void manifestOfTheTestModelIsRead() {
        ModelManifest m = ModelFolder.load(TestModel.folder()).manifest();
        assertThat(m.name()).isEqualTo("random-small");
        assertThat(m.version()).isEqualTo(ModelFolder.versionOf(TestModel.folder().resolve("model.onnx")));
        assertThat(m.width()).isEqualTo(112);
        assertThat(m.height()).isEqualTo(112);
        assertThat(m.chunkLength()).isEqualTo(8);
        assertThat(m.idleLabel()).isEqualTo("<idle>");
        assertThat(m.idleIndex()).isZero();
        assertThat(m.classes()).isEqualTo(6);
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
        Files.delete(temp.resolve("model.json"));
        Files.delete(temp.resolve("model.onnx"));
        Files.delete(temp.resolve("labels.json"));
        Path fp16Sum = copyWithManifest(s -> s.replaceFirst(
                "(\"kind\": \"running_sum\",\\s*\"storage\": )\"float32\"", "$1\"float16\""));
        assertThatThrownBy(() -> ModelFolder.load(fp16Sum)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("must be stored as float32");
        assertThatThrownBy(() -> ModelFolder.load(temp.resolve("nowhere"))).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void decoderThresholdsOfTheManifestReachTheDecoder() throws IOException {
        Path folder = copyWithManifest(s -> s.replace("\"decoder\": {}",
                "\"decoder\": {\"min_confidence\": 0.75, \"stable_chunks\": 3}"));
        try (StreamModel model = StreamModel.load(folder, RuntimeOptions.cpu().withIntraOpThreads(1))) {
            assertThat(model.wordDecoder().config().minConfidence()).isEqualTo(0.75);
            assertThat(model.wordDecoder().config().stableChunks()).isEqualTo(3);
        }
    }

    @Test
    void gpuWithoutTheCudaBuildFailsWithAClearMessage() {
        RuntimeOptions gpu = new RuntimeOptions(Device.GPU, 1, 0);
        assertThatThrownBy(() -> StreamModel.load(TestModel.folder(), gpu))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("--device gpu")
                .hasMessageContaining("-Pgpu")
                .hasMessageContaining("--device cpu");
    }
}
