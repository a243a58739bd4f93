package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoverCropTest {

    @Test
    void landscapeScalesTheHeightAndCutsTheCentreColumns() {
        assertThat(CoverCrop.of(1920, 1080, 112)).isEqualTo(new CoverCrop(199, 112, 43, 0, 112));
        assertThat(CoverCrop.of(640, 480, 172)).isEqualTo(new CoverCrop(229, 172, 28, 0, 172));
    }

    @Test
    void portraitScalesTheWidthAndCutsTheCentreRows() {
        assertThat(CoverCrop.of(720, 1280, 112)).isEqualTo(new CoverCrop(112, 199, 0, 43, 112));
    }

    @Test
    void squareAndUpscaledSourcesKeepEverything() {
        assertThat(CoverCrop.of(112, 112, 112)).isEqualTo(new CoverCrop(112, 112, 0, 0, 112));
        assertThat(CoverCrop.of(64, 48, 112)).isEqualTo(new CoverCrop(149, 112, 18, 0, 112));
    }

    @Test
    void rejectsEmptySizes() {
        assertThatThrownBy(() -> CoverCrop.of(0, 10, 112)).hasMessageContaining("source size");
        assertThatThrownBy(() -> CoverCrop.of(10, 10, 0)).hasMessageContaining("target size");
        assertThatThrownBy(() -> new CoverCrop(100, 100, 50, 0, 112)).hasMessageContaining("does not fit");
    }
}
