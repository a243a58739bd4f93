package dev.signstream.synth.signer;

import java.util.SplittableRandom;

/**
 * How one clip looks beyond the signer: background, an optional moving distractor, lighting,
 * sensor noise, camera shake, framing, speed and encoding quality. Drawn from a clip seed; all
 * strengths are moderate so the signing stays clearly visible.
 *
 * @param background      plain, gradient or textured
 * @param backgroundA     main background colour (contrasts with the skin)
 * @param backgroundB     second colour for gradients and textures (contrasts with the skin)
 * @param gradientAngle   direction of a gradient background, radians
 * @param textureSeed     seed of the texture pattern
 * @param distractor      a shape moving behind the signer, or null
 * @param gain            overall brightness factor
 * @param lightAngle      direction the light falls from, radians
 * @param lightFalloff    brightness change across the frame along {@code lightAngle}, 0..1
 * @param castRed         colour cast on red (white balance), around 1
 * @param castGreen       colour cast on green
 * @param castBlue        colour cast on blue
 * @param noiseSigma      sensor noise standard deviation, 0..255 scale
 * @param shakePixels     camera shake amplitude in pixels
 * @param framingScale    figure size within its allowed range, 0 (small) .. 1 (large)
 * @param framingOffsetX  horizontal position within the free room, -1 .. 1
 * @param framingOffsetY  vertical position within the free room, -1 .. 1
 * @param speed           speed of this clip's signing (signer's speed with a little day-to-day change)
 * @param qscale          MPEG-4 quantiser for this clip (codec artefacts)
 * @param noiseSeed       seed of the per-frame noise and shake
 */
public record SceneVariation(Background background, int backgroundA, int backgroundB, double gradientAngle,
                             long textureSeed, Distractor distractor, double gain, double lightAngle,
                             double lightFalloff, double castRed, double castGreen, double castBlue,
                             double noiseSigma, double shakePixels, double framingScale, double framingOffsetX,
                             double framingOffsetY, double speed, int qscale, long noiseSeed) {

    /** Slowest and fastest signing relative to nominal: +-30 %. */
    public static final double MIN_SPEED = 0.7;
    public static final double MAX_SPEED = 1.3;

    /** Background kinds. */
    public enum Background { PLAIN, GRADIENT, TEXTURED }

    /**
     * A geometric shape drifting across the background, behind the signer, re-entering on the
     * other side when it leaves. Never skin-coloured and larger than a hand, so it cannot pass for one.
     *
     * @param kind    0 rectangle, 1 disc, 2 triangle
     * @param colour  fill colour
     * @param size    edge or diameter as a fraction of the frame
     * @param startX  start centre, fraction of the frame width
     * @param startY  start centre, fraction of the frame height
     * @param velX    fraction of the frame per second
     * @param velY    fraction of the frame per second
     * @param spin    radians per second
     */
    public record Distractor(int kind, int colour, double size, double startX, double startY,
                             double velX, double velY, double spin) {
    }

    /** Draws the scene of one clip of {@code signer}; the same seed gives the same scene. */
    public static SceneVariation of(SignerProfile signer, long clipSeed) {
        SplittableRandom rng = new SplittableRandom(clipSeed);
        Background background = Background.values()[rng.nextInt(Background.values().length)];
        int skin = signer.skin();
        int a = Colours.contrasting(rng, skin, 45, 0.0, 0.7);
        int b = Colours.contrasting(rng, skin, 45, 0.0, 0.7);
        Distractor distractor = rng.nextDouble() < 0.35 ? distractor(rng, skin) : null;
        double speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, signer.speed() * SignerProfile.range(rng, 0.9, 1.1)));
        int qscale = Math.max(2, Math.min(6, signer.qscale() + rng.nextInt(3) - 1));
        return new SceneVariation(background, a, b, rng.nextDouble() * 2 * Math.PI, rng.nextLong(), distractor,
                SignerProfile.range(rng, 0.8, 1.15), rng.nextDouble() * 2 * Math.PI, SignerProfile.range(rng, 0.0, 0.35),
                SignerProfile.range(rng, 0.92, 1.08), SignerProfile.range(rng, 0.95, 1.05), SignerProfile.range(rng, 0.92, 1.08),
                SignerProfile.range(rng, 0.0, 5.0), SignerProfile.range(rng, 0.0, 1.2),
                clamp01(signer.framingScale() + SignerProfile.range(rng, -0.25, 0.25)),
                clamp(signer.framingOffset() + SignerProfile.range(rng, -0.3, 0.3)), SignerProfile.range(rng, -1.0, 1.0),
                speed, qscale, rng.nextLong());
    }

    private static Distractor distractor(SplittableRandom rng, int skin) {
        int colour = Colours.contrasting(rng, skin, 60, 0.4, 1.0);
        double size = SignerProfile.range(rng, 0.22, 0.35);
        double speed = SignerProfile.range(rng, 0.05, 0.2) * (rng.nextBoolean() ? 1 : -1);
        return new Distractor(rng.nextInt(3), colour, size,
                SignerProfile.range(rng, 0.0, 1.0), SignerProfile.range(rng, 0.1, 0.9), speed, SignerProfile.range(rng, -0.04, 0.04), SignerProfile.range(rng, -1.0, 1.0));
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
