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
    private double[][] partials; // per-chunk gradients (the first chunk writes into the caller's g)

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

    /**
     * The objective at theta = [W row-major (features × classes), b], its gradient into g. The rows
     * are cut into a fixed number of chunks, evaluated in parallel and summed in chunk order: the
     * result is the same on any number of cores.
     */
    double evaluate(double[] theta, double[] g) {
        int chunks = chunks(theta.length, rows.size());
        if (partials == null || partials.length != chunks || partials[0].length != theta.length) {
            partials = new double[chunks][theta.length]; // kept between calls: L-BFGS evaluates a few hundred times
        }
        double[][] grads = partials;
        double[] losses = new double[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] part = c == 0 ? g : grads[c];
            java.util.Arrays.fill(part, 0);
            losses[c] = accumulate(theta, part, (int) ((long) rows.size() * c / chunks), (int) ((long) rows.size() * (c + 1) / chunks));
        });
        double loss = losses[0];
        for (int c = 1; c < chunks; c++) {
            loss += losses[c];
            double[] part = grads[c];
            for (int i = 0; i < g.length; i++) {
                g[i] += part[i];
            }
        }
        int biasAt = features * classes;
        double penalty = 0;
        for (int i = 0; i < biasAt; i++) {
            penalty += theta[i] * theta[i];
            g[i] += l2 * theta[i];
        }
        return loss + 0.5 * l2 * penalty;
    }

    /** Chunks of rows evaluated apart: up to 8, fewer when the gradient copies would be large or the rows few. */
    private static int chunks(int parameters, int rows) {
        int byMemory = (int) Math.max(1, Math.min(8, 64_000_000L / Math.max(1, parameters)));
        return Math.max(1, Math.min(byMemory, rows / 256));
    }

    /** The weighted loss of rows [from, to) at theta, its gradient added into g. */
    private double accumulate(double[] theta, double[] g, int from, int to) {
        int biasAt = features * classes;
        double[] logits = new double[classes];
        double loss = 0;
        for (int r = from; r < to; r++) {
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
        return loss;
    }
}
