package io.specdyn.rules;

/**
 * Rounding to bfloat16: 8 bits of exponent and 8 of significand (7 stored), the format the published
 * Muon runs its Newton-Schulz iteration in. A double is rounded to the nearest bfloat16, ties to even,
 * by way of its float value; the result is returned as a double, exactly representable in bfloat16.
 */
public final class Bf16 {
    private Bf16() {
    }

    /** The bfloat16 nearest to {@code x} (ties to even); NaN and the infinities are kept. */
    public static double round(double x) {
        float f = (float) x;
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return f;
        }
        int bits = Float.floatToRawIntBits(f);
        int lsb = (bits >>> 16) & 1;
        bits += 0x7FFF + lsb;
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
