package dev.signstream.synth.signer;

/**
 * Derives independent seeds from a base seed and a path of numbers, so every clip, signer and
 * session gets its own reproducible random stream no matter in which order they are made.
 */
public final class Seeds {

    private Seeds() {
    }

    /** Mixes the parts into one 64-bit seed (SplitMix64's finaliser applied after each part). */
    public static long derive(long base, long... parts) {
        long h = mix(base ^ 0x9E3779B97F4A7C15L);
        for (long part : parts) {
            h = mix(h ^ mix(part + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
