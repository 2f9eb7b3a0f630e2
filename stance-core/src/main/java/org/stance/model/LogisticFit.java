package org.stance.model;

import java.util.List;
import java.util.function.Consumer;
import org.stance.features.SparseVector;

/**
 * One task's linear softmax head fitted to convergence: class-weighted multinomial logistic
 * regression with an L2 penalty, minimised by {@link Lbfgs} over all training rows at once.
 * The objective is the mean weighted cross-entropy plus {@code l2 / 2 · ||W||²} (the bias is not
 * penalised); scikit-learn's {@code LogisticRegression(C)} is the same model with
 * {@code l2 = 1 / (C · n)}. Unlike early-stopped SGD nothing here depends on a dev set or on
 * the order of the rows, so the result is the same on every run and uses every training row.
 */
final class LogisticFit {

    /** Largest gradient component at which the fit counts as converged. */
    static final double TOLERANCE = 1e-5;

    private final List<SparseVector> rows;
    private final int[] labels;        // per row, -1 where the row has no label for this task
    private final double[] classWeights;
    private final int features;
    private final int classes;
    private final double l2;
    private final int labeled;

    LogisticFit(List<SparseVector> rows, int[] labels, double[] classWeights, int features, double l2) {
        this.rows = rows;
        this.labels = labels;
        this.classWeights = classWeights;
        this.features = features;
        this.classes = classWeights.length;
        this.l2 = l2;
        int count = 0;
        for (int y : labels) {
            count += y >= 0 ? 1 : 0;
        }
        this.labeled = count;
    }

    /**
     * Fits the head and copies W and b into {@code first}'s columns for task {@code t}.
     * @return how the minimisation ended
     */
    Lbfgs.Outcome fitInto(FirstLayer first, int t, int maxIterations, Consumer<Integer> onIteration) {
        double[] theta = new double[features * classes + classes];
        Lbfgs.Outcome outcome = Lbfgs.minimize(this::evaluate, theta, TOLERANCE, maxIterations, onIteration::accept);
        int column = first.headStart(t);
        for (int j = 0; j < features; j++) {
            for (int k = 0; k < classes; k++) {
                first.weights[j * first.width + column + k] = (float) theta[j * classes + k];
            }
        }
        for (int k = 0; k < classes; k++) {
            first.bias[column + k] = (float) theta[features * classes + k];
        }
        return outcome;
    }

    /** The objective at theta = [W row-major (features × classes), b], its gradient into g. */
    double evaluate(double[] theta, double[] g) {
        java.util.Arrays.fill(g, 0);
        int biasAt = features * classes;
        double[] logits = new double[classes];
        double loss = 0;
        for (int r = 0; r < rows.size(); r++) {
            int y = labels[r];
            if (y < 0) {
                continue;
            }
            SparseVector v = rows.get(r);
            int[] idx = v.indices();
            float[] val = v.values();
            System.arraycopy(theta, biasAt, logits, 0, classes);
            for (int i = 0; i < idx.length; i++) {
                int row = idx[i] * classes;
                double x = val[i];
                for (int k = 0; k < classes; k++) {
                    logits[k] += x * theta[row + k];
                }
            }
            double target = logits[y];
            double max = Double.NEGATIVE_INFINITY;
            for (double z : logits) {
                max = Math.max(max, z);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                logits[k] = Math.exp(logits[k] - max);
                sum += logits[k];
            }
            double weight = classWeights[y] / labeled;
            loss += weight * (Math.log(sum) + max - target);
            for (int k = 0; k < classes; k++) {
                logits[k] = weight * (logits[k] / sum - (k == y ? 1 : 0)); // now d loss / d logit
                g[biasAt + k] += logits[k];
            }
            for (int i = 0; i < idx.length; i++) {
                int row = idx[i] * classes;
                double x = val[i];
                for (int k = 0; k < classes; k++) {
                    g[row + k] += x * logits[k];
                }
            }
        }
        double penalty = 0;
        for (int i = 0; i < biasAt; i++) {
            penalty += theta[i] * theta[i];
            g[i] += l2 * theta[i];
        }
        return loss + 0.5 * l2 * penalty;
    }
}
