package dev.signstream.synth.render;

import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.Seeds;
import java.util.SplittableRandom;

/**
 * Turns the drawn picture into the camera's output: uneven lighting and a colour cast (a per-pixel
 * gain map computed once per clip), a slight flicker, and sensor noise (taken from a precomputed
 * Gaussian table at a per-frame offset, so a frame's noise depends only on its index), written as
 * packed RGB24. One pass over the pixels, no allocation.
 */
final class PixelFinisher {

    private static final int NOISE_BITS = 16;
    private static final int NOISE_MASK = (1 << NOISE_BITS) - 1;
    private static final int ONE = 1 << 12;

    private final int size;
    private final int[] gainRed;
    private final int[] gainGreen;
    private final int[] gainBlue;
    private final int[] noise;
    private final long noiseSeed;

    PixelFinisher(int size, SceneVariation scene) {
        this.size = size;
        int n = size * size;
        gainRed = new int[n];
        gainGreen = new int[n];
        gainBlue = new int[n];
        double dx = Math.cos(scene.lightAngle());
        double dy = Math.sin(scene.lightAngle());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // -0.5 .. 0.5 along the light direction, times the falloff
                double along = ((x + 0.5) / size - 0.5) * dx + ((y + 0.5) / size - 0.5) * dy;
                double gain = scene.gain() * (1 + scene.lightFalloff() * along);
                int i = y * size + x;
                gainRed[i] = (int) Math.round(gain * scene.castRed() * ONE);
                gainGreen[i] = (int) Math.round(gain * scene.castGreen() * ONE);
                gainBlue[i] = (int) Math.round(gain * scene.castBlue() * ONE);
            }
        }
        noise = new int[1 << NOISE_BITS];
        SplittableRandom rng = new SplittableRandom(scene.noiseSeed());
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (int) Math.round(rng.nextGaussian() * scene.noiseSigma());
        }
        noiseSeed = scene.noiseSeed();
    }

    /**
     * @param argb    the drawn picture, {@code size * size} pixels of 0xRRGGBB
     * @param flicker brightness factor of this frame, around 1
     * @param frame   frame index (selects the noise)
     * @param out     {@code size * size * 3} bytes of RGB24
     */
    void finish(int[] argb, double flicker, long frame, byte[] out) {
        int f = (int) Math.round(flicker * ONE);
        int offset = (int) Seeds.derive(noiseSeed, frame) & NOISE_MASK;
        int n = size * size;
        for (int i = 0, o = 0; i < n; i++, o += 3) {
            int p = argb[i];
            int r = (int) (((long) (p >> 16 & 0xFF) * gainRed[i] * f) >> 24);
            int g = (int) (((long) (p >> 8 & 0xFF) * gainGreen[i] * f) >> 24);
            int b = (int) (((long) (p & 0xFF) * gainBlue[i] * f) >> 24);
            r += noise[(offset + o) & NOISE_MASK];
            g += noise[(offset + o + 1) & NOISE_MASK];
            b += noise[(offset + o + 2) & NOISE_MASK];
            out[o] = (byte) (r < 0 ? 0 : Math.min(r, 255));
            out[o + 1] = (byte) (g < 0 ? 0 : Math.min(g, 255));
            out[o + 2] = (byte) (b < 0 ? 0 : Math.min(b, 255));
        }
    }
}
