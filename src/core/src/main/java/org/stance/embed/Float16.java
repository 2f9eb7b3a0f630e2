package org.stance.embed;

/**
 * IEEE 754 half-precision conversion (Java 17 has no {@code Float.floatToFloat16}). Vectors are
 * stored as float16: half the size of float32, and its 11-bit mantissa keeps cosine similarities
 * to about 1e-4, far below what training noise changes between two runs. Round to nearest even;
 * values beyond ±65504 become infinities, which the writer refuses.
 */
public final class Float16 {

    public static final float MAX = 65504f;

    private Float16() {
    }

    /**
     * Rounds every value to the nearest float16, in place, so that vectors in memory are exactly
     * those a save and load give back.
     */
    public static void roundInPlace(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = toFloat(fromFloat(values[i]));
        }
    }

    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0)); // infinity or NaN
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // too small even for a subnormal
            }
            mant |= 0x800000; // restore the implicit bit, then shift into the subnormal range
            int shift = 14 - e;
            int half = mant >> shift;
            int rest = mant & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is the correct rounding up
        }
        return (short) (sign | half);
    }

    /**
     * Decodes every value of {@code halves} into {@code out}; returns the index of the first one
     * that is not finite, or -1. Word vectors are most of a model file: a normal number (all but a
     * few) is decoded by moving its bits, without {@link #toFloat}'s branches.
     */
    public static int toFloats(short[] halves, float[] out) {
        int firstBad = -1;
        for (int i = 0; i < halves.length; i++) {
            int bits = halves[i];
            int exp = bits & 0x7C00;
            if (exp != 0 && exp != 0x7C00) {
                // sign to bit 31; exponent and mantissa shifted up 13 bits, the exponent rebiased by 127 - 15
                out[i] = Float.intBitsToFloat((bits & 0x8000) << 16 | ((bits & 0x7FFF) << 13) + ((127 - 15) << 23));
            } else {
                out[i] = toFloat(halves[i]);
                if (exp != 0 && firstBad < 0) {
                    firstBad = i;
                }
            }
        }
        return firstBad;
    }

    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -value : value;
        }
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
