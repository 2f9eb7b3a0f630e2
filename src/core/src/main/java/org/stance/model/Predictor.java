package org.stance.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.stance.features.Featurizer;
import org.stance.features.SentenceProjection;
import org.stance.features.SparseVector;

/**
 * The classifier's forward pass on plain Java arrays: the sparse first layer ({@link FirstLayer}),
 * then, with a hidden layer, ReLU and one dense softmax head per task; without one, a softmax over
 * each task's slice of the first layer. Scoring never touches ND4J (whose native start-up alone
 * cost most of a cold start) and, being immutable, serves any number of threads at once. DL4J's
 * own forward pass stays the reference: a test checks equal probabilities for every model kind.
 *
 * <p>{@link #parameters()} is the model file's parameter layout, independent of DL4J's internal
 * order: the first layer's weights row-major [inputs × width] and its bias; then, with a hidden
 * layer, each task's weights row-major [hidden × labels] and bias, in task order.
 */
final class Predictor {

    private final List<String> tasks;
    private final FirstLayer first;
    private final float[][] headWeights; // hidden layer only: task → row-major [hidden × labels]
    private final float[][] headBias;
    private final int[] labelCounts;

    private Predictor(List<String> tasks, FirstLayer first, float[][] headWeights, float[][] headBias, int[] labelCounts) {
        this.tasks = List.copyOf(tasks);
        this.first = first;
        this.headWeights = headWeights;
        this.headBias = headBias;
        this.labelCounts = labelCounts;
    }

    /** A snapshot of a DL4J network's parameters. */
    static Predictor of(ComputationGraph network, List<String> tasks) {
        FirstLayer first = FirstLayer.of(network, tasks);
        int[] counts = new int[tasks.size()];
        float[][] w = new float[tasks.size()][];
        float[][] b = new float[tasks.size()][];
        for (int t = 0; t < tasks.size(); t++) {
            Layer head = network.getLayer(tasks.get(t));
            counts[t] = (int) head.getParam("b").length();
            if (first.hidden) {
                w[t] = head.getParam("W").dup('c').data().asFloat();
                b[t] = head.getParam("b").dup('c').data().asFloat();
            }
        }
        return new Predictor(tasks, first, first.hidden ? w : null, first.hidden ? b : null, counts);
    }

    /** The inverse of {@link #parameters()}; the count must be the architecture's (checked by the caller). */
    static Predictor fromParameters(float[] p, int inputs, int hidden, List<String> tasks, List<Integer> labelCounts) {
        int[] counts = labelCounts.stream().mapToInt(Integer::intValue).toArray();
        int width = hidden > 0 ? hidden : java.util.Arrays.stream(counts).sum();
        int at = 0;
        float[] w = java.util.Arrays.copyOfRange(p, at, at += inputs * width);
        float[] b = java.util.Arrays.copyOfRange(p, at, at += width);
        int[] headStart = new int[counts.length + 1];
        for (int t = 0; t < counts.length; t++) {
            headStart[t + 1] = headStart[t] + counts[t];
        }
        FirstLayer first = new FirstLayer(w, b, width, hidden > 0, headStart);
        if (hidden == 0) {
            return new Predictor(tasks, first, null, null, counts);
        }
        float[][] hw = new float[counts.length][];
        float[][] hb = new float[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            hw[t] = java.util.Arrays.copyOfRange(p, at, at += hidden * counts[t]);
            hb[t] = java.util.Arrays.copyOfRange(p, at, at += counts[t]);
        }
        return new Predictor(tasks, first, hw, hb, counts);
    }

    boolean hidden() {
        return first.hidden;
    }

    /** The parameters in the model file's layout (see the class comment). */
    float[] parameters() {
        int n = first.weights.length + first.bias.length;
        if (first.hidden) {
            for (int t = 0; t < tasks.size(); t++) {
                n += headWeights[t].length + headBias[t].length;
            }
        }
        float[] out = new float[n];
        int at = 0;
        System.arraycopy(first.weights, 0, out, at, first.weights.length);
        at += first.weights.length;
        System.arraycopy(first.bias, 0, out, at, first.bias.length);
        at += first.bias.length;
        if (first.hidden) {
            for (int t = 0; t < tasks.size(); t++) {
                System.arraycopy(headWeights[t], 0, out, at, headWeights[t].length);
                at += headWeights[t].length;
                System.arraycopy(headBias[t], 0, out, at, headBias[t].length);
                at += headBias[t].length;
            }
        }
        return out;
    }

    /** Probabilities per task: result.get(task)[row][label]. */
    Map<String, float[][]> predict(List<SparseVector> rows) {
        Map<String, float[][]> out = outputs(rows.size());
        float[] pre = new float[first.width];
        for (int r = 0; r < rows.size(); r++) {
            first.preActivation(rows.get(r), pre);
            heads(pre, out, r);
        }
        return out;
    }

    /**
     * Probabilities of sentences of one article from their own blocks and the article's context
     * block (whose index i is input {@code base + i}): the block is the same for every sentence of
     * the article, so its share of the first layer is computed once, not once per sentence (an
     * article's block has thousands of entries, a sentence's own a few hundred).
     */
    Map<String, float[][]> predictInArticle(List<SparseVector> own, SparseVector context, int base) {
        float[] shared = new float[first.width];
        first.addProduct(context, base, shared);
        Map<String, float[][]> out = outputs(own.size());
        float[] pre = new float[first.width];
        for (int r = 0; r < own.size(); r++) {
            first.preActivation(own.get(r), pre);
            for (int c = 0; c < first.width; c++) {
                pre[c] += shared[c];
            }
            heads(pre, out, r);
        }
        return out;
    }

    /**
     * The matrix that sentences scored alone are projected on ({@link #predictAlone}): the first
     * layer's rows of the sentence's own block; with the article context block (of the featurizer's
     * weight), each row followed by the context block's row of the same input, twice the width.
     */
    SentenceProjection projection(Featurizer featurizer) {
        return featurizer.articleContext() == 0 ? featurizer.projection(first.weights, first.width, 0)
                : featurizer.projection(first.weights, first.width, 0, featurizer.baseDimension());
    }

    /**
     * Probabilities of sentences scored alone, each an article of one: the first layer's
     * pre-activation is bias + x·W_own, plus, with the article context block of weight
     * {@code contextWeight}, that block's share (w/||x||)·x·W_context, the block being the sentence
     * itself times w/||x||. ||x||² is the number of x's groups, each unit-length; both products
     * come from one {@link SentenceProjection} of the sentence.
     */
    Map<String, float[][]> predictAlone(List<String> texts, List<String> targets, SentenceProjection projection, double contextWeight) {
        Map<String, float[][]> out = outputs(texts.size());
        double[] x = new double[projection.width()];
        float[] pre = new float[first.width];
        for (int r = 0; r < texts.size(); r++) {
            int groups = projection.project(texts.get(r), targets.get(r), x);
            double context = contextWeight == 0 || groups == 0 ? 0 : contextWeight / Math.sqrt(groups);
            for (int c = 0; c < first.width; c++) {
                pre[c] = (float) (first.bias[c] + x[c] + (context == 0 ? 0 : context * x[first.width + c]));
            }
            heads(pre, out, r);
        }
        return out;
    }

    /**
     * An article's sentences projected on the matrix of {@link #projection} (own rows, then the
     * article context block's): the block's share of the first layer,
     * (w/||Σx||)·Σ x·W_context over the article's sentence vectors x, and each sentence's own
     * x·W_own when {@code keep}. The same pre-activations as {@link #predictInArticle} on the
     * sparse block up to float rounding (a test compares them to 1e-5), without building a
     * sentence's sparse vector or the article's block.
     */
    ArticleShare projectArticle(List<String> texts, List<String> targets, SentenceProjection projection, double contextWeight, boolean keep) {
        SentenceProjection.ArticleSum sum = projection.articleSum();
        double[] context = new double[first.width];
        List<float[]> own = keep ? new java.util.ArrayList<>(texts.size()) : null;
        double[] x = new double[projection.width()];
        double squared;
        try {
            for (int r = 0; r < texts.size(); r++) {
                projection.project(texts.get(r), targets.get(r), x, sum);
                for (int c = 0; c < first.width; c++) {
                    context[c] += x[first.width + c];
                }
                if (keep) {
                    float[] mine = new float[first.width];
                    for (int c = 0; c < first.width; c++) {
                        mine[c] = (float) (first.bias[c] + x[c]);
                    }
                    own.add(mine);
                }
            }
            squared = sum.squaredNorm();
        } finally {
            sum.clear();
        }
        double scale = squared == 0 ? 0 : contextWeight / Math.sqrt(squared);
        float[] share = new float[first.width];
        for (int c = 0; c < first.width; c++) {
            share[c] = (float) (scale * context[c]);
        }
        return new ArticleShare(share, own);
    }

    /**
     * The article context block's share of the first layer ({@code share}) and, when kept, each
     * sentence's bias + x·W_own ({@code own}, null when not kept).
     */
    record ArticleShare(float[] share, List<float[]> own) {
    }

    /** Probabilities of the article's sentences [from, to) from their kept own products. */
    Map<String, float[][]> predictProjected(ArticleShare article, int from, int to) {
        Map<String, float[][]> out = outputs(to - from);
        float[] pre = new float[first.width];
        for (int r = from; r < to; r++) {
            float[] mine = article.own().get(r);
            for (int c = 0; c < first.width; c++) {
                pre[c] = mine[c] + article.share()[c];
            }
            heads(pre, out, r - from);
        }
        return out;
    }

    /** Probabilities of sentences of an article whose context share is {@code share}, each projected again. */
    Map<String, float[][]> predictProjected(List<String> texts, List<String> targets, SentenceProjection projection, float[] share) {
        Map<String, float[][]> out = outputs(texts.size());
        double[] x = new double[projection.width()];
        float[] pre = new float[first.width];
        for (int r = 0; r < texts.size(); r++) {
            projection.project(texts.get(r), targets.get(r), x);
            for (int c = 0; c < first.width; c++) {
                pre[c] = (float) (first.bias[c] + x[c]) + share[c];
            }
            heads(pre, out, r);
        }
        return out;
    }

    private Map<String, float[][]> outputs(int rows) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String task : tasks) {
            out.put(task, new float[rows][]);
        }
        return out;
    }

    /** Row r's probabilities per task from its first layer's pre-activation. */
    private void heads(float[] pre, Map<String, float[][]> out, int r) {
        for (int t = 0; t < tasks.size(); t++) {
            out.get(tasks.get(t))[r] = first.hidden ? head(pre, t) : softmax(pre, first.headStart(t), labelCounts[t]);
        }
    }

    /**
     * How one label's logit of one row decomposes: {@code logit = bias + sum(contributions)}, exactly.
     * Linear heads: each active feature's value times its weight. Hidden layer: each feature's value
     * times its weight through the ReLU units that are on for this row (gradient times input), and
     * the bias gathers the units' biases the same way; exact for this row's on/off pattern.
     *
     * @param indices       the row's active input indices
     * @param contributions each one's share of the logit
     */
    /** {@code weights[i]}: the logit's weight on input {@code indices[i]} for this row, so {@code contributions[i] = x_i · weights[i]}. */
    record Attribution(double bias, double logit, int[] indices, double[] contributions, double[] weights) {
    }

    Attribution attribute(SparseVector row, int task, int label) {
        float[] pre = new float[first.width];
        first.preActivation(row, pre);
        int[] idx = row.indices();
        float[] x = row.values();
        double[] contributions = new double[idx.length];
        double[] weights = new double[idx.length];
        double bias;
        if (!first.hidden) {
            int column = first.headStart(task) + label;
            bias = first.bias[column];
            for (int i = 0; i < idx.length; i++) {
                weights[i] = first.weights[idx[i] * first.width + column];
                contributions[i] = x[i] * weights[i];
            }
        } else {
            int labels = labelCounts[task];
            double[] through = new double[first.width]; // d logit / d pre_h for the units that are on
            bias = headBias[task][label];
            for (int h = 0; h < first.width; h++) {
                if (pre[h] > 0) {
                    through[h] = headWeights[task][h * labels + label];
                    bias += first.bias[h] * through[h];
                }
            }
            for (int i = 0; i < idx.length; i++) {
                double sum = 0;
                int rowStart = idx[i] * first.width;
                for (int h = 0; h < first.width; h++) {
                    sum += first.weights[rowStart + h] * through[h];
                }
                weights[i] = sum;
                contributions[i] = x[i] * sum;
            }
        }
        double logit = bias;
        for (double c : contributions) {
            logit += c;
        }
        return new Attribution(bias, logit, idx, contributions, weights);
    }

    /** Task t's logits for one row (for checking attributions). */
    float[] logits(SparseVector row, int task) {
        float[] pre = new float[first.width];
        first.preActivation(row, pre);
        int labels = labelCounts[task];
        if (!first.hidden) {
            return java.util.Arrays.copyOfRange(pre, first.headStart(task), first.headStart(task) + labels);
        }
        float[] logits = headBias[task].clone();
        for (int h = 0; h < first.width; h++) {
            if (pre[h] > 0) {
                for (int c = 0; c < labels; c++) {
                    logits[c] += pre[h] * headWeights[task][h * labels + c];
                }
            }
        }
        return logits;
    }

    /** Task t's probabilities after the hidden layer: softmax(relu(pre) · W_t + b_t). */
    private float[] head(float[] pre, int t) {
        int labels = labelCounts[t];
        float[] w = headWeights[t];
        float[] logits = headBias[t].clone();
        for (int h = 0; h < first.width; h++) {
            float x = pre[h];
            if (x > 0) {
                int row = h * labels;
                for (int c = 0; c < labels; c++) {
                    logits[c] += x * w[row + c];
                }
            }
        }
        return softmax(logits, 0, labels);
    }

    /** A numerically stable softmax of {@code values[from, from + n)}. */
    static float[] softmax(float[] values, int from, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, values[from + i]);
        }
        float[] out = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(values[from + i] - max);
            out[i] = (float) e;
            sum += e;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) (out[i] / sum);
        }
        return out;
    }
}
