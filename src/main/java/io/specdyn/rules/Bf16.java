package io.specdyn.rules;

/**
 * Rounding to bfloat16: 8 bits of exponent and 8 of significand (7 stored), the format the published
 * Muon runs its Newton-Schulz iteration in. A double is rounded to the nearest bfloat16, ties to even,
 * by way of its float value (without rounding twice where the float falls on a midpoint); the result is
 * returned as a double, exactly representable in bfloat16.
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
        if ((bits & 0xFFFF) == 0x8000 && f != x) {
            // the float lies on a midpoint between two bfloat16 numbers but x does not: rounding the float
            // would round twice; x is on the side of the midpoint that its magnitude says
            return Float.intBitsToFloat((bits + (Math.abs(x) > Math.abs(f) ? 0x8000 : 0)) & 0xFFFF0000);
        }
        int lsb = (bits >>> 16) & 1;
        bits += 0x7FFF + lsb;
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
