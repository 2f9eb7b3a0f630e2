package org.stance.eval;

import java.util.List;

/**
 * Per-class offsets added to the log-probabilities before the argmax, chosen to maximise a
 * {@link Metric} on held-out predictions. A classifier trained on cross-entropy picks the most
 * probable class, which maximises accuracy; macro-F1 and F_avg reward recall on rare classes
 * too, and a shift of a rare class's logit buys that recall where the held-out data shows it pays.
 * Offsets are searched one class at a time on a coarse grid for a few rounds, keeping a change
 * only when it improves the metric, so that noise on a handful of rare sentences moves little.
 */
public final class DecisionOffsets {

    static final double STEP = 0.25;
    static final double RANGE = 4.0;
    static final int ROUNDS = 3;
    static final double MIN_GAIN = 1e-4;

    private DecisionOffsets() {
    }

    /**
     * @param gold    gold label index per held-out example
     * @param probs   their predicted probabilities, one entry per label
     * @param targets their targets ("" when none), for per-target F_avg
     * @return one offset per label (the first label's stays 0: only differences matter)
     */
    public static double[] tune(List<String> labels, int[] gold, float[][] probs, List<String> targets, Metric metric) {
        int k = labels.size();
        double[][] logp = new double[probs.length][k];
        for (int i = 0; i < probs.length; i++) {
            for (int c = 0; c < k; c++) {
                logp[i][c] = Math.log(Math.max(probs[i][c], 1e-30));
            }
        }
        double[] offsets = new double[k];
        double best = score(labels, gold, logp, offsets, targets, metric);
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int c = 1; c < k; c++) {
                double keep = offsets[c];
                double bestValue = keep;
                // smallest shifts first: among equal scores the one nearest 0 stays
                for (int step = 0; step <= Math.round(RANGE / STEP); step++) {
                    for (double v : new double[] {step * STEP, -step * STEP}) {
                        offsets[c] = v;
                        double s = score(labels, gold, logp, offsets, targets, metric);
                        if (s > best + MIN_GAIN) {
                            best = s;
                            bestValue = v;
                        }
                    }
                }
                offsets[c] = bestValue;
                moved |= bestValue != keep;
            }
            if (!moved) {
                break;
            }
        }
        return offsets;
    }

    /** The metric of the predictions with these offsets applied. */
    static double score(List<String> labels, int[] gold, double[][] logp, double[] offsets, List<String> targets, Metric metric) {
        float[][] shifted = new float[logp.length][offsets.length];
        for (int i = 0; i < logp.length; i++) {
            int top = 0;
            double topValue = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < offsets.length; c++) {
                double v = logp[i][c] + offsets[c];
                if (v > topValue) {
                    topValue = v;
                    top = c;
                }
            }
            shifted[i][top] = 1f; // only the decision matters here
        }
        return metric.of(Evaluator.evaluate("", labels, gold, shifted, targets));
    }
}
