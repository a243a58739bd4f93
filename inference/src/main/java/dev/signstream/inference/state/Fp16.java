package dev.signstream.inference.state;

/**
 * float32 to IEEE half (float16) in bulk, rounding to nearest even exactly as ONNX Runtime's
 * {@code Fp16Conversions.floatToFp16} (MLAS) does, optionally rounding the floats in place to the
 * values the halves hold, in the same pass. Bit for bit the same halves as ONNX Runtime's, checked
 * at every rounding boundary by the tests; about three times faster, because it reads raw bits,
 * converts and rounds at once, and leaves the byte order to a bulk copy.
 */
final class Fp16 {

    private static final int SIGN = 0x8000_0000;
    /** |x| at or above this rounds to 65536 or more: infinity in fp16 (65520 is the tie, to even: up). */
    private static final int OVERFLOW = 0x477f_f000;
    private static final int FLOAT_INFINITY = 0x7f80_0000;
    /** Below 2^-14 a half is subnormal: a multiple of 2^-24. */
    private static final int SMALLEST_NORMAL = 0x3880_0000;
    /** 0.5f: adding it aligns a value below 2^-14 to multiples of 2^-24, rounding to nearest even. */
    private static final float DENORM_MAGIC = 0.5f;
    private static final int DENORM_MAGIC_BITS = 0x3f00_0000;
    /** float exponent bias 127 minus half's 15, at the half exponent's place. */
    private static final int REBIAS = 112 << 10;

    private Fp16() {
    }

    /**
     * Converts {@code n} floats from {@code src[from]} to halves in {@code halves[0..n)}.
     *
     * @param round also replace each float by the value its half holds
     * @return the index in {@code src} of the first finite value beyond fp16's range (it became
     *     infinite), or -1; with {@code round}, the floats before it are rounded already
     */
    static int convert(float[] src, int from, int n, short[] halves, boolean round) {
        int overflow = -1;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(src[from + i]);
            int sign = bits & SIGN;
            int abs = bits ^ sign;
            int half;
            int rounded;
            if (abs >= OVERFLOW) {
                if (abs > FLOAT_INFINITY) {
                    half = 0x7e00;
                    rounded = 0x7fc0_0000;
                } else {
                    half = 0x7c00;
                    rounded = FLOAT_INFINITY;
                    if (abs != FLOAT_INFINITY && overflow < 0) {
                        overflow = from + i;
                    }
                }
            } else if (abs < SMALLEST_NORMAL) {
                float aligned = Float.intBitsToFloat(abs) + DENORM_MAGIC;
                half = Float.floatToRawIntBits(aligned) - DENORM_MAGIC_BITS;
                rounded = Float.floatToRawIntBits(aligned - DENORM_MAGIC);
            } else {
                rounded = (abs + 0xfff + ((abs >>> 13) & 1)) & ~0x1fff;
                half = (rounded >>> 13) - REBIAS;
            }
            halves[i] = (short) (half | (sign >>> 16));
            if (round) {
                src[from + i] = Float.intBitsToFloat(rounded | sign);
            }
        }
        return overflow;
    }
}
