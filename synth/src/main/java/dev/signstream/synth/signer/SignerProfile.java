package dev.signstream.synth.signer;

import java.util.SplittableRandom;

/**
 * Everything that stays the same for one signer across clips: looks, body proportions,
 * handedness and signing habits. Drawn reproducibly from the identity's seed.
 *
 * @param identity       who this is
 * @param leftHanded     mirrors every sign (the left hand leads)
 * @param skin           skin colour, {@code 0xRRGGBB}
 * @param hair           hair colour
 * @param clothing       shirt colour; its luma differs from the skin's so hands stand out
 * @param sleeves        sleeve colour (a jacket differs from the shirt), also contrasting with the skin
 * @param hairStyle      0 short, 1 long, 2 none
 * @param vNeck          V neckline instead of a round one
 * @param headScale      head size relative to nominal
 * @param shoulderScale  shoulder width relative to nominal
 * @param armScale       arm length relative to nominal
 * @param handScale      hand size relative to nominal
 * @param speed          how fast this person signs (1 = nominal)
 * @param amplitude      how large their movements are (1 = nominal)
 * @param precision      how far (body units) their keyframes stray from the nominal ones
 * @param framingScale   how large they usually appear in the frame (see {@code render.Framing})
 * @param framingOffset  where they usually sit horizontally, -1 (left) to 1 (right) of the free room
 * @param qscale         MPEG-4 quantiser their clips are usually encoded with
 */
public record SignerProfile(SignerIdentity identity, boolean leftHanded, int skin, int hair, int clothing, int sleeves,
                            int hairStyle, boolean vNeck, double headScale, double shoulderScale, double armScale,
                            double handScale, double speed, double amplitude, double precision,
                            double framingScale, double framingOffset, int qscale) {

    /** Share of left-handed signers (above the population's ~10 % so the model sees enough of them). */
    public static final double LEFT_HANDED_SHARE = 0.25;

    /** Draws the profile of {@code identity}; the same identity always gives the same profile. */
    public static SignerProfile of(SignerIdentity identity) {
        SplittableRandom rng = new SplittableRandom(identity.seed());
        boolean leftHanded = rng.nextDouble() < LEFT_HANDED_SHARE;
        int skin = skinTone(rng);
        int hair = hairColour(rng);
        int clothing = Colours.contrasting(rng, skin, 55, 0.1, 0.85);
        int sleeves = rng.nextDouble() < 0.6 ? clothing : Colours.contrasting(rng, skin, 55, 0.05, 0.6);
        return new SignerProfile(identity, leftHanded, skin, hair, clothing, sleeves,
                rng.nextInt(3), rng.nextBoolean(),
                range(rng, 0.92, 1.08), range(rng, 0.92, 1.08), range(rng, 0.98, 1.05), range(rng, 0.95, 1.08),
                range(rng, 0.82, 1.18), range(rng, 0.87, 1.13), range(rng, 0.02, 0.06),
                range(rng, 0.0, 1.0), range(rng, -1.0, 1.0), 2 + rng.nextInt(3));
    }

    /** From light to deep tones, with some warmth variation. */
    private static int skinTone(SplittableRandom rng) {
        double t = rng.nextDouble();
        double r = 240 - t * 140;
        double g = 206 - t * 146;
        double b = 178 - t * 136;
        double warmth = range(rng, -10, 10);
        return Colours.rgb(r + warmth, g, b - warmth);
    }

    private static int hairColour(SplittableRandom rng) {
        int[] palette = {0x15110F, 0x2B1D14, 0x4A3222, 0x6E4B2E, 0x8F8A84, 0x1E1B26};
        return palette[rng.nextInt(palette.length)];
    }

    static double range(SplittableRandom rng, double low, double high) {
        return low + rng.nextDouble() * (high - low);
    }
}
