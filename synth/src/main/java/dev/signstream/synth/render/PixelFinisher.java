package dev.signstream.synth.render;

import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.Seeds;
import java.util.SplittableRandom;

/**
 * Turns the drawn picture into the camera's output: uneven lighting (a brightness ramp across the
 * frame), a colour cast, a slight flicker, and sensor noise, written as packed RGB24. The noise is
 * read from a Gaussian table (one byte per value, a frame's worth plus some slack) starting at an
 * offset derived from the frame index, so a frame's noise depends only on its index. One pass over
 * the pixels in integer arithmetic, no allocation.
 */
final class PixelFinisher {

    private static final int ONE = 1 << 12;
    /** Distinct noise patterns: a frame starts reading the table at one of this many offsets. */
    private static final int NOISE_OFFSETS = 1 << 14;

    private final int size;
    private final byte[] noise;
    private final int rowStart;
    private final int rowStep;
    private final int columnStep;
    private final int castRed;
    private final int castGreen;
    private final int castBlue;
    private final long noiseSeed;

    PixelFinisher(int size, SceneVariation scene) {
        this.size = size;
        this.noise = new byte[3 * size * size + NOISE_OFFSETS];
        SplittableRandom rng = new SplittableRandom(scene.noiseSeed());
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) Math.max(-128, Math.min(127, Math.round(rng.nextGaussian() * scene.noiseSigma())));
        }
        // gain(x, y) = gain * (1 + falloff * along), along in -0.5..0.5 in the light's direction:
        // linear in x and y, so it is stepped per pixel in 20-bit fixed point
        double dx = Math.cos(scene.lightAngle()) * scene.lightFalloff() * scene.gain() / size;
        double dy = Math.sin(scene.lightAngle()) * scene.lightFalloff() * scene.gain() / size;
        double atOrigin = scene.gain() * (1 - scene.lightFalloff() * (Math.cos(scene.lightAngle()) + Math.sin(scene.lightAngle())) * 0.5)
                + dx * 0.5 + dy * 0.5;
        this.rowStart = (int) Math.round(atOrigin * (1 << 20));
        this.rowStep = (int) Math.round(dy * (1 << 20));
        this.columnStep = (int) Math.round(dx * (1 << 20));
        this.castRed = (int) Math.round(scene.castRed() * ONE);
        this.castGreen = (int) Math.round(scene.castGreen() * ONE);
        this.castBlue = (int) Math.round(scene.castBlue() * ONE);
        this.noiseSeed = scene.noiseSeed();
    }

    /**
     * @param argb    the drawn picture, {@code size * size} pixels of 0xRRGGBB
     * @param flicker brightness factor of this frame, around 1
     * @param frame   frame index (selects the noise)
     * @param out     {@code size * size * 3} bytes of RGB24
     */
    void finish(int[] argb, double flicker, long frame, byte[] out) {
        int kr = (int) Math.round(castRed * flicker);
        int kg = (int) Math.round(castGreen * flicker);
        int kb = (int) Math.round(castBlue * flicker);
        int n = (int) (Seeds.derive(noiseSeed, frame) & (NOISE_OFFSETS - 1));
        byte[] noise = this.noise;
        int rowGain = rowStart;
        for (int y = 0, i = 0, o = 0; y < size; y++, rowGain += rowStep) {
            int gain20 = rowGain;
            for (int x = 0; x < size; x++, i++, o += 3, n += 3, gain20 += columnStep) {
                int gain = gain20 >> 8;
                int p = argb[i];
                int r = ((((p >> 16) & 0xFF) * gain >> 12) * kr >> 12) + noise[n];
                int g = ((((p >> 8) & 0xFF) * gain >> 12) * kg >> 12) + noise[n + 1];
                int b = (((p & 0xFF) * gain >> 12) * kb >> 12) + noise[n + 2];
                out[o] = (byte) (r < 0 ? 0 : Math.min(r, 255));
                out[o + 1] = (byte) (g < 0 ? 0 : Math.min(g, 255));
                out[o + 2] = (byte) (b < 0 ? 0 : Math.min(b, 255));
            }
        }
    }
}
