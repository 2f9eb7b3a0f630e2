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
    private final double[] rowWeights; // per row, its weight in the loss; null: every row 1
    private final int features;
    private final int classes;
    private final double l2;
    private final int labeled;
    private final int[] article;       // per row, its article; null: no shared block
    private final int[] ownEnd;        // per row, where its article's shared block starts among its entries
    private double[][] partials; // per-chunk gradients (the first chunk writes into the caller's g)

    LogisticFit(List<SparseVector> rows, int[] labels, double[] classWeights, int features, double l2) {
        this(rows, labels, classWeights, null, features, l2, null, features);
    }

    /**
     * @param rowWeights per row, its weight in the loss (multiplying its class's); null: every row 1
     * @param article   per row, the index of its article, whose rows all end with the same block (the
     *                  article context block) from input {@code blockFrom} on; null when rows share nothing.
     *                  The block's product and gradient are then computed once per run of rows of one
     *                  article instead of once per row: an article's block has thousands of entries, a
     *                  sentence's own a few hundred. The objective is the same.
     */
    LogisticFit(List<SparseVector> rows, int[] labels, double[] classWeights, double[] rowWeights, int features, double l2, int[] article,
                int blockFrom) {
        this.article = article;
        this.ownEnd = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            int[] idx = rows.get(r).indices();
            int end = idx.length;
            while (article != null && end > 0 && idx[end - 1] >= blockFrom) {
                end--;
            }
            ownEnd[r] = end;
        }
        this.rows = rows;
        this.labels = labels;
        this.classWeights = classWeights;
        this.rowWeights = rowWeights;
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
        double[] shared = new double[classes];  // the current article block's x·W
        double[] pending = new double[classes]; // d loss / d logits summed over the rows seen with that block
        int blockRow = -1;                      // a row holding that block
        double loss = 0;
        for (int r = from; r < to; r++) {
            int y = labels[r];
            if (y < 0) {
                continue;
            }
            SparseVector v = rows.get(r);
            int[] idx = v.indices();
            float[] val = v.values();
            int own = ownEnd[r];
            boolean inBlock = own < idx.length;
            if (inBlock && (blockRow < 0 || article[blockRow] != article[r])) {
                flush(g, blockRow, pending);
                blockRow = r;
                java.util.Arrays.fill(shared, 0);
                add(theta, idx, val, own, idx.length, shared);
            }
            System.arraycopy(theta, biasAt, logits, 0, classes);
            add(theta, idx, val, 0, own, logits);
            if (inBlock) {
                for (int k = 0; k < classes; k++) {
                    logits[k] += shared[k];
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
            double weight = (rowWeights == null ? classWeights[y] : classWeights[y] * rowWeights[r]) / labeled;
            loss += weight * (Math.log(sum) + max - target);
            for (int k = 0; k < classes; k++) {
                logits[k] = weight * (logits[k] / sum - (k == y ? 1 : 0)); // now d loss / d logit
                g[biasAt + k] += logits[k];
            }
            scatter(g, idx, val, 0, own, logits);
            if (inBlock) {
                for (int k = 0; k < classes; k++) {
                    pending[k] += logits[k];
                }
            }
        }
        flush(g, blockRow, pending);
        return loss;
    }

    /** out += x·W over entries [from, to) of a row. */
    private void add(double[] theta, int[] idx, float[] val, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            int row = idx[i] * classes;
            double x = val[i];
            for (int k = 0; k < classes; k++) {
                out[k] += x * theta[row + k];
            }
        }
    }

    /** g += x ⊗ d over entries [from, to) of a row. */
    private void scatter(double[] g, int[] idx, float[] val, int from, int to, double[] d) {
        for (int i = from; i < to; i++) {
            int row = idx[i] * classes;
            double x = val[i];
            for (int k = 0; k < classes; k++) {
                g[row + k] += x * d[k];
            }
        }
    }

    /** Adds the pending block gradient (the block of row {@code blockRow} ⊗ pending) to g and clears it. */
    private void flush(double[] g, int blockRow, double[] pending) {
        if (blockRow < 0) {
            return;
        }
        SparseVector v = rows.get(blockRow);
        scatter(g, v.indices(), v.values(), ownEnd[blockRow], v.size(), pending);
        java.util.Arrays.fill(pending, 0);
    }
}
