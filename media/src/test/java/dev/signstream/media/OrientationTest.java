package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrientationTest {

    /**
     * A 3x2 image whose pixels are numbered 1-6 in reading order (in the red byte):
     * <pre>
     * 1 2 3
     * 4 5 6
     * </pre>
     */
    private static final byte[] STORED = image(1, 2, 3, 4, 5, 6);

    @Test
    void turnsARectangleCounterClockwiseByTheDisplayMatrixAngle() {
        assertThat(turned(0)).isEqualTo(image(1, 2, 3, 4, 5, 6));
        // 90 counter-clockwise: the right column becomes the top row, 2 wide and 3 high
        assertThat(turned(90)).isEqualTo(image(3, 6, 2, 5, 1, 4));
        assertThat(turned(180)).isEqualTo(image(6, 5, 4, 3, 2, 1));
        // 270 counter-clockwise (90 clockwise): the left column, read upwards, becomes the top row
        assertThat(turned(270)).isEqualTo(image(4, 1, 5, 2, 6, 3));
    }

    @Test
    void quarterTurnsAreSideways() {
        assertThat(Orientation.of(90).sideways()).isTrue();
        assertThat(Orientation.of(-90).sideways()).isTrue();
        assertThat(Orientation.of(-90).degrees()).isEqualTo(270);
        assertThat(Orientation.of(180).sideways()).isFalse();
        assertThat(Orientation.of(Double.NaN).turns()).isZero();
    }

    @Test
    void buffersMustHoldTheImage() {
        assertThatThrownBy(() -> Orientation.of(90).turn(STORED, 3, 2, new byte[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 18 bytes");
    }

    private static byte[] turned(int degrees) {
        byte[] shown = new byte[STORED.length];
        Orientation.of(degrees).turn(STORED, 3, 2, shown);
        return shown;
    }

    private static byte[] image(int... reds) {
        byte[] rgb = new byte[reds.length * 3];
        for (int i = 0; i < reds.length; i++) {
            rgb[i * 3] = (byte) reds[i];
        }
        return rgb;
    }
}
