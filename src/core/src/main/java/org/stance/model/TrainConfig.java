package org.stance.model;

import java.util.List;
import org.stance.InvalidSettingException;
import org.stance.eval.Metric;
import org.stance.features.NgramConfig;
import org.stance.text.NormalizerConfig;

/**
 * Everything that decides what {@link Trainer} produces. Same config + same data + same seed =
 * same model. {@link #DEFAULTS} are the one definition of the default settings: the CLI's option
 * defaults and help read them, and a service that starts from {@link #builder()} trains what
 * {@code stance train} trains.
 *
 * @param tasks          label columns to learn ("stance", "topic"), each an output head; empty = every
 *                       label column the training data fills
 * @param normalizer     the normalisation steps, stored in the model and re-applied when scoring
 * @param ngrams         the sparse n-gram features
 * @param embeddings     word vectors pooled into extra input features, or null for n-grams only
 * @param hidden         width of the shared hidden layer; 0 gives one linear softmax per task
 * @param inputDropout   probability of dropping an input feature during training (0 = none)
 * @param l2             L2 penalty: with LBFGS, l2/2·||W||² added to the mean weighted loss (scikit-learn's C = 1 / (l2 · n));
 *                       with a mini-batch rule, weight decay added to the gradient of the n-gram weights a batch touches (lazily, see SparseFit)
 * @param optimizer      the update rule
 * @param learningRate   its step size
 * @param maxEpochs      upper bound on epochs (LBFGS: on iterations, each a pass over the data); convergence or early stopping usually ends sooner
 * @param patience       epochs without a better dev score before stopping (mini-batch rules only)
 * @param batchSize      examples per update (mini-batch rules only)
 * @param classWeighting loss weights against class imbalance
 * @param authoredWeight each authored row's weight in the loss (rows whose source is {@code authored:URL}; real
 *                       rows weigh 1): authored text is written, not observed, and its label mix is not the real one
 * @param noPositionLabels stance labels that take no position (compared ignoring case): the article
 *                       verdict gives them a fixed pseudo-mass instead of summing them
 * @param metric         the figure tuned for: decision offsets and the epoch choice maximise it
 * @param offsetFolds    grouped inner cross-validation folds whose held-out predictions choose per-class
 *                       decision offsets for {@code metric} (added to each head's bias); 0 = none;
 *                       {@link #AUTO_OFFSET_FOLDS} = {@link #AUTO_FOLDS} folds for the tasks scored by
 *                       F_avg, none for the others
 * @param seed           seeds weight initialisation, shuffling and the dev split
 */
public record TrainConfig(List<String> tasks, NormalizerConfig normalizer, NgramConfig ngrams, EmbeddingFeatures embeddings, int hidden,
                          double inputDropout, double l2, Optimizer optimizer, double learningRate, int maxEpochs, int patience,
                          int batchSize, ClassWeighting classWeighting, double authoredWeight, List<String> noPositionLabels, Metric metric,
                          int offsetFolds, long seed) {

    /**
     * The shipped model's settings, chosen by grouped cross-validation on the iraq-presence train+dev
     * articles (docs/BENCHMARKS.md): converged logistic regression heads (LBFGS) with a light L2 and
     * square-root class weights; authored rows weigh half a real row (grouped CV with real test
     * folds, stance macro-F1: 0.654 at 1, 0.685 at 0.5, 0.691 at 0.25, inside the folds' spread of
     * each other; 0.5 keeps more of the period the authored text teaches, and left out the seeds'
     * figures as they were). The word vectors are a file, not a setting: {@code stance train}
     * adds the shipped ones ({@code models/vectors-ar.zip}) unless told not to; a service passes
     * {@link EmbeddingFeatures} itself.
     */
    public static final TrainConfig DEFAULTS = new TrainConfig(List.of(), NormalizerConfig.defaults(), NgramConfig.DEFAULTS, null, 0,
            0.0, 3e-5, Optimizer.LBFGS, 0.1, 300, 4, 32, ClassWeighting.SQRT, 0.5, List.of("neutral", "none"), Metric.AUTO, -1, 42L);

    /**
     * {@code offsetFolds} "auto": decision offsets for the tasks whose metric is F_avg only. F_avg
     * scores favor and against and ignores the third class, which the argmax of a model trained
     * on all three does not know; offsets chosen for it gained on Mawqif (5-fold CV on its train
     * split +0.009, its test split +0.014; docs/BENCHMARKS.md), while on iraq-presence (macro-F1)
     * they gained nothing.
     */
    public static final int AUTO_OFFSET_FOLDS = -1;

    /** The inner folds of {@link #AUTO_OFFSET_FOLDS}. */
    public static final int AUTO_FOLDS = 3;

    public TrainConfig {
        tasks = List.copyOf(tasks);
        noPositionLabels = List.copyOf(noPositionLabels);
        InvalidSettingException.require(normalizer != null, "normalizer", null, "given");
        InvalidSettingException.require(ngrams != null, "ngrams", null, "given");
        InvalidSettingException.require(optimizer != null, "optimizer", null, "given");
        InvalidSettingException.require(metric != null, "metric", null, "given");
        InvalidSettingException.require(offsetFolds == AUTO_OFFSET_FOLDS || offsetFolds == 0 || (offsetFolds >= 2 && offsetFolds <= 20),
                "offsetFolds", offsetFolds, "auto (-1), 0 (no decision offsets) or from 2 to 20");
        InvalidSettingException.require(classWeighting != null, "classWeighting", null, "given");
        InvalidSettingException.require(hidden >= 0 && hidden <= 100_000, "hidden", hidden, "from 0 to 100000");
        InvalidSettingException.require(Double.isFinite(inputDropout) && inputDropout >= 0 && inputDropout < 1, "inputDropout", inputDropout,
                "a finite number from 0 up to (not including) 1");
        InvalidSettingException.requireRange(l2, 0, 1, "l2");
        InvalidSettingException.require(Double.isFinite(learningRate) && learningRate > 0 && learningRate <= 10, "learningRate", learningRate,
                "a finite number above 0 and at most 10");
        InvalidSettingException.require(maxEpochs >= 1 && maxEpochs <= 10_000, "maxEpochs", maxEpochs, "from 1 to 10000");
        InvalidSettingException.require(patience >= 1, "patience", patience, "at least 1");
        InvalidSettingException.require(optimizer != Optimizer.LBFGS || hidden == 0, "hidden", hidden,
                "0 with the LBFGS optimizer, which fits linear heads (use a mini-batch optimizer such as ADAM for a hidden layer)");
        InvalidSettingException.require(optimizer != Optimizer.LBFGS || inputDropout == 0, "inputDropout", inputDropout,
                "0 with the LBFGS optimizer (its L2 penalty is the regularisation)");
        InvalidSettingException.require(batchSize >= 2 && batchSize <= 100_000, "batchSize", batchSize, "from 2 to 100000");
        InvalidSettingException.require(Double.isFinite(authoredWeight) && authoredWeight > 0 && authoredWeight <= 10, "authoredWeight",
                authoredWeight, "a finite number above 0 and at most 10");
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Whether a task labeled {@code labels} gets decision offsets: every task when folds are given, only F_avg tasks with auto. */
    public boolean offsetsFor(List<String> labels) {
        return offsetFolds == AUTO_OFFSET_FOLDS ? metric.resolve(labels) == Metric.F_AVG : offsetFolds > 0;
    }

    /** The inner folds that choose the offsets of tasks labeled {@code labels} (task → labels); 0 when none gets offsets. */
    public int offsetFolds(java.util.Map<String, List<String>> labels) {
        if (labels.values().stream().noneMatch(this::offsetsFor)) {
            return 0;
        }
        return offsetFolds == AUTO_OFFSET_FOLDS ? AUTO_FOLDS : offsetFolds;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config; everything not set keeps the value it started from. */
    public static final class Builder {
        private List<String> tasks;
        private NormalizerConfig normalizer;
        private NgramConfig ngrams;
        private EmbeddingFeatures embeddings;
        private int hidden;
        private double inputDropout;
        private double l2;
        private Optimizer optimizer;
        private double learningRate;
        private int maxEpochs;
        private int patience;
        private int batchSize;
        private ClassWeighting classWeighting;
        private double authoredWeight;
        private List<String> noPositionLabels;
        private Metric metric;
        private int offsetFolds;
        private long seed;

        private Builder(TrainConfig c) {
            tasks = c.tasks;
            normalizer = c.normalizer;
            ngrams = c.ngrams;
            embeddings = c.embeddings;
            hidden = c.hidden;
            inputDropout = c.inputDropout;
            l2 = c.l2;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            maxEpochs = c.maxEpochs;
            patience = c.patience;
            batchSize = c.batchSize;
            classWeighting = c.classWeighting;
            authoredWeight = c.authoredWeight;
            noPositionLabels = c.noPositionLabels;
            metric = c.metric;
            offsetFolds = c.offsetFolds;
            seed = c.seed;
        }

        public Builder tasks(List<String> v) { tasks = v; return this; }
        public Builder normalizer(NormalizerConfig v) { normalizer = v; return this; }
        public Builder ngrams(NgramConfig v) { ngrams = v; return this; }
        public Builder embeddings(EmbeddingFeatures v) { embeddings = v; return this; }
        public Builder hidden(int v) { hidden = v; return this; }
        public Builder inputDropout(double v) { inputDropout = v; return this; }
        public Builder l2(double v) { l2 = v; return this; }
        public Builder optimizer(Optimizer v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder maxEpochs(int v) { maxEpochs = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder classWeighting(ClassWeighting v) { classWeighting = v; return this; }
        public Builder authoredWeight(double v) { authoredWeight = v; return this; }
        public Builder noPositionLabels(List<String> v) { noPositionLabels = v; return this; }
        public Builder metric(Metric v) { metric = v; return this; }
        public Builder offsetFolds(int v) { offsetFolds = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(tasks, normalizer, ngrams, embeddings, hidden, inputDropout, l2, optimizer, learningRate, maxEpochs, patience,
                    batchSize, classWeighting, authoredWeight, noPositionLabels, metric, offsetFolds, seed);
        }
    }
}
