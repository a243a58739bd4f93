package dev.signstream.synth.signer;

import java.util.random.RandomGenerator;

/** Colour helpers for picking colours that keep hands visible. Colours are packed {@code 0xRRGGBB}. */
public final class Colours {

    private Colours() {
    }

    /** Luma (BT.601) in 0..255. */
    public static double luma(int rgb) {
        return 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    public static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Multiplies every channel by {@code factor}. */
    public static int scale(int rgb, double factor) {
        return rgb((rgb >> 16 & 0xFF) * factor, (rgb >> 8 & 0xFF) * factor, (rgb & 0xFF) * factor);
    }

    /**
     * A random colour whose luma differs from {@code avoid}'s by at least {@code minLumaGap}, so a
     * hand of colour {@code avoid} stands out from it even in grey. Tries random hues first; falls
     * back to a dark or light grey on the far side of {@code avoid}.
     */
    public static int contrasting(RandomGenerator rng, int avoid, double minLumaGap, double minSaturation, double maxSaturation) {
        double target = luma(avoid);
        for (int attempt = 0; attempt < 64; attempt++) {
            float hue = rng.nextFloat();
            float saturation = (float) (minSaturation + rng.nextDouble() * (maxSaturation - minSaturation));
            float brightness = (float) (0.08 + rng.nextDouble() * 0.9);
            int candidate = java.awt.Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
            if (Math.abs(luma(candidate) - target) >= minLumaGap) {
                return candidate;
            }
        }
        return target > 128 ? 0x202428 : 0xE8E4DC;
    }
}
