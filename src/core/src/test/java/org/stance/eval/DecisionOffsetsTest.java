package org.stance.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics resolve to F_avg on favour/against labels; decision offsets raise the metric they tune, and stay 0 when nothing is gained. */
class DecisionOffsetsTest {

    @Test
    void autoMeansFavgForFavorAgainstLabelsAndMacroF1Otherwise() {
        assertEquals(Metric.F_AVG, Metric.AUTO.resolve(List.of("against", "favor", "none")));
        assertEquals(Metric.MACRO_F1, Metric.AUTO.resolve(List.of("neutral", "skeptical")));
        assertEquals(Metric.ACCURACY, Metric.ACCURACY.resolve(List.of("against", "favor")));
        Metrics m = Evaluator.evaluate("t", List.of("a", "b"), new int[] {0, 1}, new float[][] {{1, 0}, {1, 0}}, List.of("", ""));
        assertThrows(IllegalArgumentException.class, () -> Metric.F_AVG.of(m));
        assertEquals(0.5, Metric.ACCURACY.of(m), 1e-12);
    }

    @Test
    void aRareClassUnderPredictedByArgmaxGetsAPositiveOffset() {
        // class 1 is never the argmax, but its probability is higher on its own rows than elsewhere
        int n = 100;
        int[] gold = new int[n];
        float[][] probs = new float[n][];
        for (int i = 0; i < n; i++) {
            gold[i] = i < 10 ? 1 : 0;
            probs[i] = i < 10 ? new float[] {0.7f, 0.3f} : new float[] {0.9f, 0.1f};
        }
        List<String> labels = List.of("common", "rare");
        List<String> targets = Collections.nCopies(n, "");
        double before = DecisionOffsets.score(labels, gold, log(probs), new double[2], targets, Metric.MACRO_F1);
        double[] offsets = DecisionOffsets.tune(labels, gold, probs, targets, Metric.MACRO_F1);
        assertEquals(0, offsets[0]);
        assertTrue(offsets[1] > Math.log(0.7 / 0.3) && offsets[1] < Math.log(0.9 / 0.1), "offset " + offsets[1]);
        assertEquals(1.0, DecisionOffsets.score(labels, gold, log(probs), offsets, targets, Metric.MACRO_F1), 1e-12);
        assertTrue(before < 0.5);
    }

    @Test
    void perfectPredictionsKeepZeroOffsets() {
        int[] gold = {0, 1, 2, 0, 1, 2};
        float[][] probs = new float[6][];
        for (int i = 0; i < 6; i++) {
            probs[i] = new float[] {0.1f, 0.1f, 0.1f};
            probs[i][gold[i]] = 0.8f;
        }
        assertArrayEquals(new double[3], DecisionOffsets.tune(List.of("a", "b", "c"), gold, probs, Collections.nCopies(6, ""),
                Metric.MACRO_F1), 0);
    }

    private static double[][] log(float[][] p) {
        double[][] out = new double[p.length][p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                out[i][c] = Math.log(p[i][c]);
            }
        }
        return out;
    }
}
