package org.stance.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {

    @Test
    void everyHalfSurvivesTheTripThroughFloat() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Float16.toFloat((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, Float16.fromFloat(f), "half 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void roundsToTheNearestHalf() {
        assertEquals(1f, Float16.toFloat(Float16.fromFloat(1.0001f)));
        assertEquals(-0.333251953125f, Float16.toFloat(Float16.fromFloat(-1f / 3)));
        assertEquals(65504f, Float16.toFloat(Float16.fromFloat(65504f)));
        assertTrue(Float.isInfinite(Float16.toFloat(Float16.fromFloat(1e6f))));
        assertEquals(5.9604645e-8f, Float16.toFloat(Float16.fromFloat(6e-8f)), "smallest subnormal");
        assertEquals(0f, Float16.toFloat(Float16.fromFloat(1e-9f)));
    }

    @Test
    void relativeErrorStaysBelowOneTwoThousandth() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            float f = (float) r.nextGaussian();
            float back = Float16.toFloat(Float16.fromFloat(f));
            assertTrue(Math.abs(back - f) <= Math.abs(f) / 2048 + 1e-7, f + " -> " + back);
        }
    }

    @Test
    void bulkDecodingGivesWhatEachValueDecodesTo() {
        short[] finite = new short[0x10000 - 2 * 0x400]; // every half but the infinities and NaNs
        int n = 0;
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 0x7C00) != 0x7C00) {
                finite[n++] = (short) h;
            }
        }
        float[] out = new float[n];
        assertEquals(-1, Float16.toFloats(finite, out));
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(Float16.toFloat(finite[i])), Float.floatToRawIntBits(out[i]), "half 0x" + Integer.toHexString(finite[i] & 0xFFFF));
        }
        short[] withInfinity = {Float16.fromFloat(1f), Float16.fromFloat(2e-7f), (short) 0xFC00, (short) 0x7E00};
        float[] decoded = new float[4];
        assertEquals(2, Float16.toFloats(withInfinity, decoded), "the first value that is not finite");
        assertEquals(Float.NEGATIVE_INFINITY, decoded[2]);
        assertTrue(Float.isNaN(decoded[3]));
    }
}
