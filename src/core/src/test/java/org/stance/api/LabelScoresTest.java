package org.stance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelScoresTest {

    /** What plain() wrote before its integer path: BigDecimal's plain text, with a point always. */
    private static String reference(double p) {
        String s = java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    @Test
    void everyFourDecimalProbabilityIsWrittenAsBigDecimalWritesIt() {
        for (int k = 0; k <= 10000; k++) {
            double p = LabelScores.round(k / 10000.0);
            assertEquals(reference(p), LabelScores.plain(p), "k=" + k);
        }
        for (double p : new double[] {0.12345, 1e-7, 0.99999, 2.5, -0.25, 123.0}) {
            assertEquals(reference(p), LabelScores.plain(p), String.valueOf(p));
        }
        assertEquals("0.0004", LabelScores.plain(0.0004));
        assertEquals("1.0", LabelScores.plain(1.0));
        assertEquals("0.1", LabelScores.plain(0.1));
    }
}
