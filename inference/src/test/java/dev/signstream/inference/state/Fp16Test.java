package dev.signstream.inference.state;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.platform.Fp16Conversions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bulk fp16 conversion gives ONNX Runtime's halves bit for bit, and rounds the floats to exactly
 * what the halves hold: at every half value, at every tie between two neighbouring halves and one
 * float step either side of it, and on ten million random floats.
 */
class Fp16Test {

    @Test
    void everyRoundingBoundaryGivesOnnxRuntimesHalf() {
        float[] values = new float[65536 * 5 * 2];
        int n = 0;
        for (int h = 0; h < 0x7c00; h++) {
            float here = Fp16Conversions.fp16ToFloat((short) h);
            float next = Fp16Conversions.fp16ToFloat((short) (h + 1)); // 0x7c00: infinity, the tie is 65520
            float tie = (float) (((double) here + next) / 2);
            for (float v : new float[] {here, tie, Math.nextDown(tie), Math.nextUp(tie), Math.nextUp(here)}) {
                values[n++] = v;
                values[n++] = -v;
            }
        }
        assertSameAsOnnxRuntime(values, n);
    }

    @Test
    void randomFloatsOfEveryMagnitudeGiveOnnxRuntimesHalf() {
        Random random = new Random(16);
        float[] values = new float[10_000_000];
        for (int i = 0; i < values.length; i++) {
            // exponents across half's range and beyond it, both signs
            values[i] = Float.intBitsToFloat((random.nextInt(0x4a000000 - 0x30000000) + 0x30000000)
                    | (random.nextBoolean() ? 0x80000000 : 0));
        }
        values[0] = 0f;
        values[1] = -0f;
        values[2] = Float.POSITIVE_INFINITY;
        values[3] = Float.NEGATIVE_INFINITY;
        values[4] = Float.MIN_VALUE;
        assertSameAsOnnxRuntime(values, values.length);
    }

    @Test
    void aFiniteValueBeyondHalfRangeIsReportedAndInfinityIsNot() {
        short[] halves = new short[4];
        assertThat(Fp16.convert(new float[] {1f, 65504f, 65519.99f, -3f}, 0, 4, halves, false)).isEqualTo(-1);
        assertThat(Fp16.convert(new float[] {1f, Float.POSITIVE_INFINITY, 65520f, 1e9f}, 0, 4, halves, false))
                .isEqualTo(2);
        assertThat(halves[2]).isEqualTo((short) 0x7c00);
    }

    private static void assertSameAsOnnxRuntime(float[] values, int n) {
        float[] rounded = java.util.Arrays.copyOf(values, n);
        short[] halves = new short[n];
        Fp16.convert(rounded, 0, n, halves, true);
        for (int i = 0; i < n; i++) {
            short expected = Fp16Conversions.floatToFp16(values[i]);
            if (halves[i] != expected) {
                throw new AssertionError(String.format("%s (0x%08x): half 0x%04x, ONNX Runtime 0x%04x", values[i],
                        Float.floatToRawIntBits(values[i]), halves[i], expected));
            }
            float back = Fp16Conversions.fp16ToFloat(expected);
            if (Float.floatToRawIntBits(rounded[i]) != Float.floatToRawIntBits(back)) {
                throw new AssertionError(String.format("%s rounded to %s, its half holds %s", values[i], rounded[i], back));
            }
        }
    }
}
