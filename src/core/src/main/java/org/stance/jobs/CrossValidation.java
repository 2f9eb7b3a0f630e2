package org.stance.jobs;

import org.stance.eval.Evaluator;
import org.stance.jobs.TrainingJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stance.data.Dataset;
import org.stance.embed.WordEmbeddings;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;
import org.stance.eval.Metrics;
import org.stance.model.Classifier;
import org.stance.quantize.QuantizeConfig;
import org.stance.quantize.Quantizer;
import org.stance.model.TrainConfig;
import org.stance.model.Trainer;
import org.stance.model.TrainingResult;

/**
 * K-fold cross-validation grouped by article: each fold is scored by a model trained on the
 * other folds (with a mini-batch optimizer, less their own dev part, one inner fold, that chooses the epoch). The folds' predictions are
 * pooled into one set of metrics, and per-fold figures give the spread. Authored rows train in
 * every fold and are never scored: the figures are on real text only.
 */
public final class CrossValidation {

    /** Per-fold metrics and the pooled metrics, per task. */
    /**
     * @param articleFolds article (group) key → its fold, so other systems can be evaluated on the very same folds
     *                     ({@link GroupSplitter#ALWAYS_TRAIN} for authored articles)
     */
    public record Result(int folds, Map<String, List<Metrics>> perFold, Map<String, Metrics> pooled, Map<String, Integer> articleFolds) {
    }

    private final Consumer<String> progress;
    private final QuantizeConfig quantize;

    public CrossValidation(Consumer<String> progress) {
        this(progress, null);
    }

    private CrossValidation(Consumer<String> progress, QuantizeConfig quantize) {
        this.progress = progress;
        this.quantize = quantize;
    }

    /** The same cross-validation with each fold's model quantized and retrained on its fold ({@code stance quantize --retrain}) before it scores. */
    public CrossValidation quantized(QuantizeConfig settings) {
        return new CrossValidation(progress, settings);
    }

    public Result run(Dataset data, TrainConfig config, int k) {
        return run(data, config, TrainingJob.vectors(config), k);
    }

    /** As {@link #run(Dataset, TrainConfig, int)}, with the word vectors {@code config} names already read (null for none). */
    public Result run(Dataset data, TrainConfig config, WordEmbeddings vectors, int k) {
        config = config.toBuilder().tasks(TrainingJob.resolveTasks(config.tasks(), data)).build();
        if (quantize != null && vectors != null && vectors.dimension() % quantize.subDimension() != 0) {
            throw new org.stance.UserError("--quantize: sub-vectors of " + quantize.subDimension() + " do not divide the word vectors' dimension "
                    + vectors.dimension());
        }
        List<LabeledSentence> rows = data.rows();
        int[] fold = GroupSplitter.folds(rows, config.tasks().get(0), k, config.seed());
        Map<String, List<Metrics>> perFold = new LinkedHashMap<>();
        Map<String, float[][]> pooledProbs = new LinkedHashMap<>();
        // Every label of the data, not a fold model's: a rare class absent from one fold's training part
        // must still count (as never predicted) in that fold's figures and in the pooled ones.
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String task : config.tasks()) {
            labels.put(task, rows.stream().map(r -> r.label(task)).filter(l -> !l.isEmpty()).distinct().sorted().toList());
            pooledProbs.put(task, new float[rows.size()][]);
        }
        for (int f = 0; f < k; f++) {
            List<LabeledSentence> test = GroupSplitter.select(rows, fold, f, true);
            List<LabeledSentence> rest = GroupSplitter.select(rows, fold, f, false);
            progress.accept(String.format("fold %d/%d: %d test sentences", f + 1, k, test.size()));
            List<LabeledSentence> fit = rest;
            List<LabeledSentence> dev = List.of();
            if (config.optimizer().earlyStopping()) {
                int[] inner = GroupSplitter.folds(rest, config.tasks().get(0), TrainingJob.HOLDOUT_FOLDS, config.seed() + f);
                fit = GroupSplitter.select(rest, inner, 0, false);
                dev = GroupSplitter.select(rest, inner, 0, true);
            }
            TrainingResult trained = new Trainer(config, vectors, progress).train(fit, dev);
            Classifier model = trained.classifier();
            if (quantize != null) {
                model = Quantizer.quantize(model, config, quantize, new Quantizer.Retraining(fit, dev, trained.decisionOffsets(), progress))
                        .classifier();
            }
            Map<String, float[][]> probs = model.predictRows(test);
            for (String task : model.tasks()) {
                float[][] aligned = new float[test.size()][];
                for (int j = 0; j < test.size(); j++) {
                    aligned[j] = Classifier.align(probs.get(task)[j], model.labels().get(task), labels.get(task));
                }
                perFold.computeIfAbsent(task, t -> new ArrayList<>()).add(Evaluator.evaluate(task, labels.get(task), test, aligned));
                int j = 0;
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] == f) {
                        pooledProbs.get(task)[i] = aligned[j++];
                    }
                }
            }
        }
        // Pooled over the held-out rows only: authored rows are trained on in every fold, never scored.
        int[] scored = java.util.stream.IntStream.range(0, rows.size()).filter(i -> fold[i] != GroupSplitter.ALWAYS_TRAIN).toArray();
        List<LabeledSentence> heldOut = java.util.Arrays.stream(scored).mapToObj(rows::get).toList();
        Map<String, Metrics> pooled = new LinkedHashMap<>();
        for (String task : pooledProbs.keySet()) {
            float[][] all = pooledProbs.get(task);
            pooled.put(task, Evaluator.evaluate(task, labels.get(task), heldOut,
                    java.util.Arrays.stream(scored).mapToObj(i -> all[i]).toArray(float[][]::new)));
        }
        Map<String, Integer> articleFolds = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            articleFolds.put(rows.get(i).groupKey(), fold[i]);
        }
        return new Result(k, perFold, pooled, articleFolds);
    }

    /** Mean and sample standard deviation of a figure over folds. */
    public static double[] meanStd(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1);
        return new double[] {mean, Math.sqrt(var)};
    }
}
