package org.stance.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.stance.UserError;
import org.stance.data.LabeledSentence;
import org.stance.eval.Evaluator;
import org.stance.eval.Metrics;
import org.stance.embed.WordEmbeddings;
import org.stance.features.Featurizer;
import org.stance.features.NgramConfig;
import org.stance.features.SparseVector;

/**
 * Fits a {@link Classifier}: learns the n-gram vocabulary on the training sentences, then trains
 * the network one epoch at a time on sparse batches ({@link SparseFit}), keeping the weights of the epoch with the best
 * mean dev score (the config's metric) over tasks and stopping after {@code patience} epochs without progress.
 * The dev sentences only choose the epoch; they are never trained on.
 */
public final class Trainer {

    private final TrainConfig config;
    private final WordEmbeddings vectors;
    private final Featurizer fixed; // null: the vocabulary is learned from the training sentences
    private final Consumer<String> progress;

    /** A trainer of n-gram features only ({@code config.embeddings()} must be null). */
    public Trainer(TrainConfig config, Consumer<String> progress) {
        this(config, (WordEmbeddings) null, progress);
    }

    /**
     * @param vectors the word vectors {@code config.embeddings()} names, already read (the caller owns
     *                file formats); its most frequent {@code config.embeddings().words()} are kept
     */
    public Trainer(TrainConfig config, WordEmbeddings vectors, Consumer<String> progress) {
        if ((config.embeddings() == null) != (vectors == null)) {
            throw new IllegalArgumentException("word vectors must be given exactly when the config asks for embeddings");
        }
        this.config = config;
        this.vectors = vectors == null ? null : vectors.top(config.embeddings().words());
        this.fixed = null;
        this.progress = progress;
    }

    private Trainer(TrainConfig config, Featurizer fixed, Consumer<String> progress) {
        this.config = config;
        this.vectors = null;
        this.fixed = fixed;
        this.progress = progress;
    }

    /**
     * A trainer that keeps {@code featurizer} (its vocabulary and word vectors) rather than learning
     * one, and fits the weights only: how a pruned, quantized model is retrained on its own features.
     * It chooses no decision offsets.
     */
    public static Trainer onFeatures(TrainConfig config, Featurizer featurizer, Consumer<String> progress) {
        return new Trainer(config.toBuilder().offsetFolds(0).build(), featurizer, progress);
    }

    /**
     * Trains on {@code train}; {@code dev} chooses the epoch of a mini-batch optimizer (it may be
     * empty with LBFGS). With {@code offsetFolds}, decision offsets chosen on held-out folds of
     * {@code train} are then added to each head's bias.
     */
    public TrainingResult train(List<LabeledSentence> train, List<LabeledSentence> dev) {
        TrainingResult result = fit(train, dev);
        Map<String, List<String>> labels = result.classifier().labels();
        int folds = config.offsetFolds(labels);
        if (folds == 0) {
            return result;
        }
        long articles = train.stream().map(LabeledSentence::groupKey).distinct().count();
        if (config.offsetFolds() == TrainConfig.AUTO_OFFSET_FOLDS && articles < folds) {
            // auto is a default: a small data set trains without offsets rather than failing (folds given explicitly still must fit)
            progress.accept("decision offsets: none (auto needs " + folds + " training articles, there are " + articles + ")");
            return result;
        }
        Map<String, double[]> offsets = HeldOutOffsets.choose(config, folds, vectors, train, dev, labels, progress);
        offsets.forEach(result.classifier()::shiftBias);
        Map<String, List<Double>> stored = new LinkedHashMap<>();
        offsets.forEach((task, o) -> stored.put(task, java.util.Arrays.stream(o).boxed().toList()));
        return new TrainingResult(result.classifier(), result.history(), result.bestEpoch(), result.bestDevScore(), result.seconds(),
                result.trainSize(), result.devSize(), stored);
    }

    private TrainingResult fit(List<LabeledSentence> train, List<LabeledSentence> dev) {
        long start = System.nanoTime();
        Map<String, List<String>> labels = checkTasks(train, dev);
        EmbeddingFeatures emb = config.embeddings();
        NgramConfig ngrams = config.ngrams();
        if (fixed == null && ngrams.articleContext() > 0 && !hasArticles(train)) {
            ngrams = ngrams.withArticleContext(0);
            progress.accept("article context: off (no training article has two sentences)");
        }
        // Each sentence is normalised and tokenised once: the document frequencies and the vectors share the tokens.
        List<List<String>> trainTokens = Featurizer.tokenize(texts(train), config.normalizer());
        Featurizer featurizer = fixed != null ? fixed : Featurizer.fitTokens(trainTokens, targets(train), config.normalizer(), ngrams, vectors,
                emb == null ? null : emb.pooling());
        progress.accept(String.format("vocabulary: %d n-gram features from %d training sentences", featurizer.dimension(), train.size()));
        if (featurizer.dimension() == 0) {
            throw new UserError("no n-gram occurs in " + config.ngrams().minDf() + " or more training sentences; lower the minimum document frequency (minDf)");
        }
        List<SparseVector> trainVectors = featurizer.featurizeArticleTokens(trainTokens, targets(train), articles(train));
        trainTokens = null; // the vectors hold what training needs
        List<SparseVector> devVectors = vectors(featurizer, dev);

        List<Integer> classCounts = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (String task : config.tasks()) {
            List<String> taskLabels = labels.get(task);
            int[] counts = new int[taskLabels.size()];
            train.forEach(r -> {
                if (!r.label(task).isEmpty()) {
                    counts[taskLabels.indexOf(r.label(task))]++;
                }
            });
            classCounts.add(taskLabels.size());
            weights.add(config.classWeighting().weights(counts));
        }
        checkMemory(featurizer.dimension(), classCounts);
        ComputationGraph network = NetworkFactory.build(config, featurizer.dimension(), classCounts, weights);
        Classifier classifier = new Classifier(featurizer, network, labels);
        if (!config.optimizer().earlyStopping()) {
            return fitConverged(classifier, network, labels, weights, train, trainVectors, dev, devVectors, start);
        }
        SparseFit fit = new SparseFit(config, network, config.tasks(), weights);

        List<EpochRecord> history = new ArrayList<>();
        INDArray bestParams = network.params().dup();
        double bestScore = -1;
        int bestEpoch = 0;
        int sinceBest = 0;
        Random random = new Random(config.seed());
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long epochStart = System.nanoTime();
            double loss = runEpoch(fit, epoch - 1, train, trainVectors, labels, random);
            fit.writeTo(network);
            classifier.weightsChanged();
            Map<String, Double> devF1 = devScores(classifier, dev, devVectors);
            double score = devF1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            history.add(new EpochRecord(epoch, loss, devF1, score, seconds, train.size() / seconds));
            boolean better = score > bestScore + 1e-9;
            progress.accept(String.format("epoch %2d  loss %.4f  dev %s  %.1fs  %.0f sentences/s%s", epoch, loss,
                    format(devF1), seconds, train.size() / seconds, better ? "  *" : ""));
            if (better) {
                bestScore = score;
                bestEpoch = epoch;
                bestParams = network.params().dup();
                sinceBest = 0;
            } else if (++sinceBest >= config.patience()) {
                progress.accept("early stop: no better dev score for " + config.patience() + " epochs; keeping epoch " + bestEpoch);
                break;
            }
        }
        network.setParams(bestParams);
        classifier.weightsChanged();
        return new TrainingResult(classifier, history, bestEpoch, bestScore, (System.nanoTime() - start) / 1e9, train.size(), dev.size(), Map.of());
    }

    /**
     * LBFGS: each task's head fitted to convergence on every training row (no epoch to choose);
     * the dev set, when there is one, is only evaluated. The history has one line per task.
     */
    private TrainingResult fitConverged(Classifier classifier, ComputationGraph network, Map<String, List<String>> labels,
                                        List<double[]> weights, List<LabeledSentence> train, List<SparseVector> trainVectors,
                                        List<LabeledSentence> dev, List<SparseVector> devVectors, long start) {
        FirstLayer first = FirstLayer.of(network, config.tasks());
        List<EpochRecord> history = new ArrayList<>();
        int iterations = 0;
        int[] articles = null; // rows of one article share its context block: the fit computes it once per article
        if (classifier.featurizer().articleContext() > 0) {
            Map<String, Integer> ids = new java.util.HashMap<>();
            articles = train.stream().mapToInt(r -> ids.computeIfAbsent(r.groupKey(), k -> ids.size())).toArray();
        }
        double[] rowWeights = config.authoredWeight() == 1 ? null
                : train.stream().mapToDouble(r -> r.authored() ? config.authoredWeight() : 1.0).toArray();
        for (int t = 0; t < config.tasks().size(); t++) {
            String task = config.tasks().get(t);
            List<String> taskLabels = labels.get(task);
            int[] y = new int[train.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = train.get(i).label(task).isEmpty() ? -1 : taskLabels.indexOf(train.get(i).label(task));
            }
            long taskStart = System.nanoTime();
            LogisticFit fit = new LogisticFit(trainVectors, y, weights.get(t), rowWeights, classifier.featurizer().dimension(), config.l2(),
                    articles, classifier.featurizer().baseDimension());
            Lbfgs.Outcome outcome = fit.fitInto(first, t, config.maxEpochs(), i -> {
                if (i % 25 == 0) {
                    progress.accept(String.format("%s: iteration %d  %.1fs", task, i, (System.nanoTime() - taskStart) / 1e9));
                }
            });
            double seconds = (System.nanoTime() - taskStart) / 1e9;
            progress.accept(String.format("%s: %s after %d iterations (%d evaluations), loss %.4f, %.1fs", task,
                    outcome.converged() ? "converged" : "stopped at the iteration limit", outcome.iterations(), outcome.evaluations(),
                    outcome.value(), seconds));
            iterations = Math.max(iterations, outcome.iterations());
            history.add(new EpochRecord(outcome.iterations(), outcome.value(), Map.of(), 0, seconds,
                    train.size() * (double) outcome.evaluations() / seconds));
        }
        first.writeTo(network, config.tasks());
        classifier.weightsChanged();
        double devScore = 0;
        if (!dev.isEmpty()) {
            Map<String, Double> devF1 = devScores(classifier, dev, devVectors);
            devScore = devF1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            progress.accept("dev " + format(devF1));
        }
        return new TrainingResult(classifier, history, iterations, devScore, (System.nanoTime() - start) / 1e9, train.size(), dev.size(), Map.of());
    }

    /** Fails before any training when a task cannot be learned or evaluated from the data given. */
    /** Labels of one task: a model is a classifier of a few classes, and every label costs a column of the feature count. */
    public static final int MAX_LABELS_PER_TASK = 1000;

    /**
     * Refuses, before anything large is allocated, a model whose training would not fit in this
     * heap: with many labels the parameters (features × labels) dominate. L-BFGS keeps about 21
     * double copies of a head's parameters (point, gradients, 7 pairs of history, per-chunk
     * gradients); the mini-batch optimizers about 4 float copies of the whole network.
     */
    private void checkMemory(int features, List<Integer> classCounts) {
        long parameters = Classifier.parameterCount(config, features, classCounts);
        long largestHead = classCounts.stream().mapToLong(c -> (long) features * c + c).max().orElse(0);
        long bytes = parameters * 4L * 4 + (config.optimizer().earlyStopping() ? 0 : largestHead * 8L * 21);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap * 0.8) {
            throw new UserError(String.format("training would need about %.1f GB (%d features x %s labels), more than this Java heap's %.1f GB:"
                    + " lower --max-features, merge rare labels, or give Java more memory (STANCE_JAVA_OPTS=-Xmx...)", bytes / 1e9, features,
                    classCounts, heap / 1e9));
        }
    }

    private Map<String, List<String>> checkTasks(List<LabeledSentence> train, List<LabeledSentence> dev) {
        if (train.isEmpty()) {
            throw new UserError("the training set is empty");
        }
        if (config.tasks().isEmpty()) {
            throw new IllegalArgumentException("no task to train");
        }
        if (dev.isEmpty() && config.optimizer().earlyStopping()) {
            throw new UserError("the dev set is empty: give a dev file or more training articles");
        }
        if (config.ngrams().useTarget() && train.stream().allMatch(r -> r.target().isEmpty())) {
            throw new UserError("the target is set to be an input (--use-target) but no training row has a target:"
                    + " add a 'target' column, or train without --use-target");
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String task : config.tasks()) {
            List<String> taskLabels = train.stream().map(r -> r.label(task)).filter(l -> !l.isEmpty()).distinct().sorted().toList();
            if (taskLabels.size() < 2) {
                throw new UserError("task '" + task + "' needs at least two labels in the training data, found " + taskLabels);
            }
            long labeled = train.stream().filter(r -> !r.label(task).isEmpty()).count();
            if (taskLabels.size() > MAX_LABELS_PER_TASK || (taskLabels.size() > 100 && taskLabels.size() * 2L > labeled)) {
                throw new UserError("task '" + task + "' has " + taskLabels.size() + " distinct labels in " + labeled + " labeled training rows;"
                        + " a task may have at most " + MAX_LABELS_PER_TASK + ", and over 100 only with two rows per label on average"
                        + " (is the '" + task + "' column the label column?)");
            }
            for (LabeledSentence r : dev) {
                if (!r.label(task).isEmpty() && !taskLabels.contains(r.label(task))) {
                    throw new UserError("dev line " + r.line() + ": " + task + " label '" + r.label(task)
                            + "' never occurs in the training data (known: " + String.join(", ", taskLabels) + ")");
                }
            }
            if (config.optimizer().earlyStopping() && dev.stream().allMatch(r -> r.label(task).isEmpty())) {
                throw new UserError("the dev set has no '" + task + "' label to choose the epoch on");
            }
            labels.put(task, taskLabels);
        }
        return labels;
    }

    private double runEpoch(SparseFit fit, int epoch, List<LabeledSentence> train, List<SparseVector> vectors,
                            Map<String, List<String>> labels, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        List<String> tasks = config.tasks();
        int from = 0;
        while (from < order.size()) {
            int to = Math.min(order.size(), from + config.batchSize());
            if (order.size() - to == 1) {
                to++; // never leave a one-row batch: DL4J takes its [1,1] label mask for a per-output mask
            }
            List<Integer> batch = order.subList(from, to);
            List<SparseVector> rows = new ArrayList<>(batch.size());
            batch.forEach(i -> rows.add(vectors.get(i)));
            INDArray[] targets = new INDArray[tasks.size()];
            INDArray[] masks = new INDArray[tasks.size()];
            for (int t = 0; t < tasks.size(); t++) {
                List<String> taskLabels = labels.get(tasks.get(t));
                float[][] oneHot = new float[batch.size()][taskLabels.size()];
                float[][] mask = new float[batch.size()][1];
                boolean complete = true;
                for (int b = 0; b < batch.size(); b++) {
                    LabeledSentence row = train.get(batch.get(b));
                    String label = row.label(tasks.get(t));
                    if (!label.isEmpty()) {
                        oneHot[b][taskLabels.indexOf(label)] = 1f;
                        // DL4J multiplies each row's loss and gradient by its mask value: a weight
                        mask[b][0] = row.authored() ? (float) config.authoredWeight() : 1f;
                        complete &= mask[b][0] == 1f;
                    } else {
                        complete = false;
                    }
                }
                targets[t] = Nd4j.create(oneHot);
                masks[t] = complete ? null : Nd4j.create(mask); // a mask only where some row lacks a label or weighs other than 1
            }
            lossSum += fit.step(rows, targets, masks, epoch);
            batches++;
            from = to;
        }
        return lossSum / Math.max(1, batches);
    }

    private Map<String, Double> devScores(Classifier classifier, List<LabeledSentence> dev, List<SparseVector> devVectors) {
        Map<String, float[][]> probs = classifier.predictVectors(devVectors);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String task : config.tasks()) {
            if (dev.stream().anyMatch(r -> !r.label(task).isEmpty())) {
                List<String> labels = classifier.labels().get(task);
                out.put(task, config.metric().resolve(labels).of(Evaluator.evaluate(task, labels, dev, probs.get(task))));
            }
        }
        return out;
    }

    private static List<SparseVector> vectors(Featurizer featurizer, List<LabeledSentence> rows) {
        return featurizer.featurizeArticles(texts(rows), targets(rows), articles(rows));
    }

    private static List<String> articles(List<LabeledSentence> rows) {
        return rows.stream().map(LabeledSentence::groupKey).toList();
    }

    /** True when some article (rows sharing a {@link LabeledSentence#groupKey()}) has two sentences or more. */
    public static boolean hasArticles(List<LabeledSentence> rows) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LabeledSentence r : rows) {
            if (!seen.add(r.groupKey())) {
                return true;
            }
        }
        return false;
    }

    static List<String> texts(List<LabeledSentence> rows) {
        return rows.stream().map(LabeledSentence::text).toList();
    }

    static List<String> targets(List<LabeledSentence> rows) {
        return rows.stream().map(LabeledSentence::target).toList();
    }

    private static String format(Map<String, Double> f1) {
        StringBuilder s = new StringBuilder();
        f1.forEach((task, v) -> s.append(s.length() == 0 ? "" : " ").append(task).append('=').append(String.format("%.4f", v)));
        return s.toString();
    }
}
