package dev.signstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and validation of what the command line passes in. */
class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void sourcesParseAndHidePasswords() {
        assertThat(SourceSpec.parse("file:/v/a b.mp4")).isEqualTo(new SourceSpec(SourceSpec.Kind.FILE, "/v/a b.mp4"));
        assertThat(SourceSpec.parse("device:/dev/video0").kind()).isEqualTo(SourceSpec.Kind.DEVICE);
        assertThat(SourceSpec.parse("synthetic").kind()).isEqualTo(SourceSpec.Kind.SYNTHETIC);
        SourceSpec url = SourceSpec.parse("url:rtsp://admin:secret@cam.local:554/stream1");
        assertThat(url.location()).isEqualTo("rtsp://admin:secret@cam.local:554/stream1");
        assertThat(url.describe()).isEqualTo("url:rtsp://***@cam.local:554/stream1");
        assertThat(url.kind().live()).isTrue();
        assertThat(SourceSpec.parse("file:x").kind().live()).isFalse();
    }

    @Test
    void badSourcesAreRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> SourceSpec.parse("camera")).hasMessageContaining("use file:PATH, device:/dev/videoN");
        assertThatThrownBy(() -> SourceSpec.parse("rtsp://u:pw@h/x")).hasMessageContaining("rtsp://***@h/x")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> SourceSpec.parse("file:")).hasMessageContaining("needs a path");
    }

    @Test
    void settingsHaveTheStudentProjectsDefaultsAndNameTheSettingOfABadValue() {
        ProduceSettings defaults = ProduceSettings.defaults("cam");
        assertThat(defaults.fps()).isEqualTo(15);
        assertThat(defaults.size()).isEqualTo(64);
        assertThat(defaults.chunkFrames()).isEqualTo(8);
        assertThat(defaults.queueCapacity()).isEqualTo(32);
        assertThat(defaults.withChunkFrames(16).queueCapacity()).isEqualTo(64);
        assertThat(defaults.withQueueFrames(5).withChunkFrames(16).queueCapacity()).isEqualTo(5);
        assertThat(defaults.sessionIds()).containsExactly("cam");
        assertThat(ProduceSettings.defaults("load").withSessions(3).sessionIds())
                .containsExactly("load-0000", "load-0001", "load-0002");

        assertThatThrownBy(() -> ProduceSettings.defaults("has space")).hasMessageContaining("session id 'has space'");
        assertThatThrownBy(() -> ProduceSettings.defaults("x").withFps(0)).hasMessageContaining("fps must be");
        assertThatThrownBy(() -> ProduceSettings.defaults("x").withSize(8)).hasMessageContaining("frame size must be");
        assertThatThrownBy(() -> ProduceSettings.defaults("x").withChunkFrames(0)).hasMessageContaining("frames per chunk must be");
        assertThatThrownBy(() -> ProduceSettings.defaults("x").withJpegQscale(1)).hasMessageContaining("JPEG qscale must be");
        assertThatThrownBy(() -> ProduceSettings.defaults("x").withSessions(0)).hasMessageContaining("sessions must be");
    }

    @Test
    void aModelManifestGivesTheSquareInputSizeFrameRateAndChunkLength() throws Exception {
        Path model = Files.createDirectories(dir.resolve("ksl-small"));
        Files.writeString(model.resolve("model.json"), "{\"name\": \"ksl-small\", \"input\": {\"height\": 112, "
                + "\"width\": 112}, \"fps\": 15, \"chunk_length\": 8}");

        assertThat(ModelInput.read(model)).isEqualTo(new ModelInput("ksl-small", 112, 15, 8));

        Files.writeString(model.resolve("model.json"), "{\"input\": {\"height\": 112, \"width\": 160}}");
        assertThatThrownBy(() -> ModelInput.read(model)).hasMessageContaining("square");
        Files.writeString(model.resolve("model.json"), "{\"input\": {}}");
        assertThatThrownBy(() -> ModelInput.read(model)).hasMessageContaining("input.height");
        Files.writeString(model.resolve("model.json"), "{not json");
        assertThatThrownBy(() -> ModelInput.read(model)).hasMessageContaining("not readable JSON");
        assertThatThrownBy(() -> ModelInput.read(dir.resolve("none"))).hasMessageContaining("no model manifest");
    }
}
