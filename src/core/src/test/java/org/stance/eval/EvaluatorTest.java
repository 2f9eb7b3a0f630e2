package org.stance.eval;

import org.stance.curation.Agreement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static float[] p(float... v) {
        return v;
    }

    @Test
    void computesAccuracyMacroF1AndConfusion() {
        List<String> labels = List.of("a", "b");
        int[] gold = {0, 0, 1, 1};
        float[][] probs = {p(0.9f, 0.1f), p(0.4f, 0.6f), p(0.2f, 0.8f), p(0.3f, 0.7f)};
        Metrics m = Evaluator.evaluate("t", labels, gold, probs, List.of("", "", "", ""));
        assertEquals(0.75, m.accuracy(), 1e-9);
        // a: P=1 R=0.5 F=2/3; b: P=2/3 R=1 F=0.8.
        assertEquals((2.0 / 3 + 0.8) / 2, m.macroF1(), 1e-9);
        assertEquals(1, m.confusion().get(0).get(1));
        assertNull(m.favg());
    }

    @Test
    void favgIsMeanOfFavorAndAgainstPerTarget() {
        List<String> labels = List.of("against", "favor", "none");
        int[] gold = {1, 0, 2, 1, 0};
        float[][] probs = {p(0, 1, 0), p(1, 0, 0), p(0, 1, 0), p(0, 1, 0), p(0, 0, 1)};
        Metrics m = Evaluator.evaluate("stance", labels, gold, probs, List.of("x", "x", "x", "y", "y"));
        // target x: favor P=1/2 R=1 F=2/3, against F=1 -> 5/6; target y: favor F=1, against F=0 -> 1/2.
        assertEquals(5.0 / 6, m.favgByTarget().get("x"), 1e-9);
        assertEquals(0.5, m.favgByTarget().get("y"), 1e-9);
        assertEquals((5.0 / 6 + 0.5) / 2, m.favg(), 1e-9);
    }

    @Test
    void calibrationErrorIsZeroForPerfectConfidenceAndPositiveOtherwise() {
        assertEquals(0.0, Evaluator.ece(new int[] {0, 1}, new float[][] {p(1, 0), p(0, 1)}), 1e-9);
        assertEquals(0.1, Evaluator.ece(new int[] {0, 0}, new float[][] {p(0.9f, 0.1f), p(0.9f, 0.1f)}), 1e-6);
    }

    @Test
    void cohenKappaMatchesAHandComputedExample() {
        // 10 items: both say x on 4, both y on 4, disagree on 2 -> po=0.8, pe=0.5 -> kappa=0.6.
        List<String> a = List.of("x", "x", "x", "x", "y", "y", "y", "y", "x", "y");
        List<String> b = List.of("x", "x", "x", "x", "y", "y", "y", "y", "y", "x");
        Agreement k = Agreement.of(a, b);
        assertEquals(0.8, k.observed(), 1e-9);
        assertEquals(0.6, k.kappa(), 1e-9);
        assertEquals(1, k.matrix().get("x").get("y"));
    }
}
