package org.stance.artifact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.eval.ClassMetrics;
import org.stance.eval.Metrics;
import org.stance.features.NgramConfig;
import org.stance.model.ClassWeighting;
import org.stance.model.EpochRecord;
import org.stance.model.Optimizer;
import org.stance.model.TrainConfig;
import org.stance.eval.Metric;
import org.stance.text.NormalizerConfig;

/**
 * What a model file says about itself, written as manifest.json: its format, how it was made
 * (settings, data hashes) and how good it was. These records belong to the file format alone:
 * the library's own records ({@link TrainConfig}, {@link Metrics}, ...) are converted to and from
 * them here, so renaming a field elsewhere cannot silently change the format.
 *
 * @param labels           task → labels in output order
 * @param noPositionLabels stance labels that take no position (for article verdicts)
 * @param normalizer       the normalisation steps, name → on/off, re-applied when scoring
 * @param targets          the targets seen in training when the target is an input (empty otherwise)
 * @param embeddings       the word vectors stored in the model and how they are pooled, or null
 * @param evaluation       split name ("dev", "test") → task → figures
 * @param tuning           the --autotune search that chose the settings (null: settings as given)
 * @param decisionOffsets  task → the per-label offsets chosen on held-out folds and already added to its bias (empty: none)
 * @param quantization     how the model was shrunk from a full one ({@code stance quantize}), or null
 * @param integrity        the SHA-256 of every other part and of the label lists, set when the file is written (null before)
 */
public record ModelManifest(String format, int formatVersion, String projectVersion, String createdAt, Map<String, List<String>> labels,
                            List<String> noPositionLabels, Map<String, Boolean> normalizer, Features features, List<String> targets,
                            Embeddings embeddings, Network network, List<Data> data, Map<String, Map<String, Figures>> evaluation,
                            List<Epoch> history, int bestEpoch, double trainingSeconds, Map<String, List<Double>> decisionOffsets,
                            Tuning tuning, Quantization quantization, Integrity integrity) {

    /** Collections a file leaves out are read as empty, so a sparse manifest never gives a null to the code that reads it. */
    public ModelManifest {
        labels = labels == null ? Map.of() : copy(labels);
        noPositionLabels = noPositionLabels == null ? List.of() : List.copyOf(noPositionLabels);
        normalizer = normalizer == null ? Map.of() : Map.copyOf(normalizer);
        targets = targets == null ? List.of() : List.copyOf(targets);
        data = data == null ? List.of() : List.copyOf(data);
        evaluation = evaluation == null ? Map.of() : evaluation;
        history = history == null ? List.of() : List.copyOf(history);
        decisionOffsets = decisionOffsets == null ? Map.of() : decisionOffsets;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> labels) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        labels.forEach((task, l) -> out.put(task, l == null ? List.of() : List.copyOf(l)));
        return java.util.Collections.unmodifiableMap(out);
    }

    public static final String FORMAT = "stance-model";
    /**
     * 4: every part's CRC-32 in the manifest as well, which loading checks ({@code Parts}).
     * 3: every part's SHA-256 in the manifest, and the manifest's own in {@code manifest.sha256}.
     * 2: the network as settings + raw float32 parameters (version 1 held a Java-serialized DL4J zip).
     */
    public static final int FORMAT_VERSION = 4;

    /** The oldest version loaded as it is: version 3 is sealed as well, its parts checked by their SHA-256. */
    public static final int OLDEST_SEALED_VERSION = 3;

    /** The oldest version {@code stance upgrade-model} re-saves: version 2 holds the same parts, without their hashes (version 3 without their CRC-32s). */
    public static final int OLDEST_UPGRADABLE_VERSION = 2;

    /**
     * What the loader checks before it uses a part.
     *
     * @param labelsSha256 SHA-256 of the label lists in order (see {@code ModelSeal.labelsDigest})
     * @param parts        zip entry → SHA-256 of its bytes, for every entry but the manifest and its seal
     * @param partsCrc32   zip entry → CRC-32 of its bytes (8 lowercase hex digits), the same entries;
     *                     null in format 3. The loader checks these; {@code inspect} checks the SHA-256 too.
     */
    public record Integrity(String labelsSha256, Map<String, String> parts, Map<String, String> partsCrc32) {
        public Integrity {
            parts = parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
            partsCrc32 = partsCrc32 == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partsCrc32));
        }
    }

    /** This manifest as the current format writes it, with the given integrity record. */
    public ModelManifest sealed(Integrity seal) {
        return new ModelManifest(format, FORMAT_VERSION, projectVersion, createdAt, labels, noPositionLabels, normalizer, features, targets,
                embeddings, network, data, evaluation, history, bestEpoch, trainingSeconds, decisionOffsets, tuning, quantization,
                seal);
    }

    /**
     * A quantized model ({@code stance quantize}): the first layer in 8 bits ({@code parameters.q8}),
     * the word vectors product-quantized when it has any, and the n-gram features it kept.
     *
     * @param source         SHA-256 of the full model it was made from
     * @param featuresBefore n-gram features of the full model
     * @param subDimension   values per product-quantized sub-vector
     * @param centroids      centroids per codebook asked for
     * @param retrainedOn    SHA-256 of the data the weights were fitted again on, or null (pruned only)
     */
    public record Quantization(String source, int featuresBefore, int subDimension, int centroids, long seed, String retrainedOn) {
    }

    /**
     * This manifest for a quantized copy written at {@code createdAt} by {@code version}: its
     * features, parameter count and quantization; the full model's figures dropped.
     */
    public ModelManifest quantized(Features smaller, long parameters, Quantization q, String createdAt, String version) {
        Network n = new Network(network.tasks(), network.hidden(), network.inputDropout(), network.l2(), network.optimizer(),
                network.learningRate(), network.maxEpochs(), network.patience(), network.batchSize(), network.classWeighting(),
                network.authoredWeight(), network.metric(), network.offsetFolds(), network.seed(), parameters);
        return new ModelManifest(format, FORMAT_VERSION, version, createdAt, labels, noPositionLabels, normalizer, smaller, targets,
                embeddings, n, data, Map.of(), history, bestEpoch, trainingSeconds, decisionOffsets, tuning, q, null);
    }

    /**
     * The n-gram features and the size of the vocabulary stored beside the manifest.
     * {@code articleContext} is absent (0, none) in models written before it existed.
     */
    public record Features(int wordNgrams, int charMin, int charMax, boolean stems, int minDf, int maxFeatures, boolean useTarget,
                           boolean targetCross, double articleContext, int ngramCount, int inputSize) {

        public static Features of(NgramConfig c, int ngramCount, int inputSize) {
            return new Features(c.wordNgrams(), c.charMin(), c.charMax(), c.stems(), c.minDf(), c.maxFeatures(), c.useTarget(),
                    c.targetCross(), c.articleContext(), ngramCount, inputSize);
        }

        NgramConfig toConfig() {
            return new NgramConfig(wordNgrams, charMin, charMax, stems, minDf, maxFeatures, useTarget, targetCross, articleContext);
        }
    }

    /** The word vectors a model carries: pooling, size, and the provenance their artifact recorded. */
    public record Embeddings(String pooling, int dimension, int words, Map<String, String> provenance) {
    }

    /**
     * The network's architecture and training settings, and its parameter count. {@code authoredWeight}
     * is null in models trained before it existed, which weighed every row 1.
     */
    public record Network(List<String> tasks, int hidden, double inputDropout, double l2, String optimizer, double learningRate,
                          int maxEpochs, int patience, int batchSize, String classWeighting, Double authoredWeight, String metric,
                          int offsetFolds, long seed, long parameters) {

        public static Network of(TrainConfig c, long parameters) {
            return new Network(c.tasks(), c.hidden(), c.inputDropout(), c.l2(), c.optimizer().name(), c.learningRate(), c.maxEpochs(),
                    c.patience(), c.batchSize(), c.classWeighting().name(), c.authoredWeight(), c.metric().name(), c.offsetFolds(), c.seed(),
                    parameters);
        }
    }

    /** An --autotune search: budget, folds, metric, and every trial's settings and scores (the network record holds the chosen ones). */
    public record Tuning(double budgetSeconds, int folds, String metric, int bestTrial, List<TuningTrial> trials) {
    }

    public record TuningTrial(int number, String settings, Map<String, Double> scores, double score, double seconds) {
    }

    /** Which file a model was trained or tuned on, identified by content hash, and what it held. */
    public record Data(String role, String file, String sha256, int sentences, int articles, Map<String, Map<String, Integer>> labelCounts) {
    }

    /** Evaluation figures of one task (see {@link Metrics}). */
    public record Figures(String task, int n, double accuracy, double macroF1, List<ClassFigures> perClass, List<String> labels,
                          List<List<Integer>> confusion, double ece, Double favg, Map<String, Double> favgByTarget) {

        public static Figures of(Metrics m) {
            return new Figures(m.task(), m.n(), m.accuracy(), m.macroF1(),
                    m.perClass().stream().map(c -> new ClassFigures(c.label(), c.precision(), c.recall(), c.f1(), c.support())).toList(),
                    m.labels(), m.confusion(), m.ece(), m.favg(), m.favgByTarget());
        }

        public Metrics toMetrics() {
            return new Metrics(task, n, accuracy, macroF1,
                    perClass.stream().map(c -> new ClassMetrics(c.label(), c.precision(), c.recall(), c.f1(), c.support())).toList(),
                    labels, confusion, ece, favg, favgByTarget);
        }

        public static Map<String, Figures> of(Map<String, Metrics> byTask) {
            Map<String, Figures> out = new LinkedHashMap<>();
            byTask.forEach((task, m) -> out.put(task, of(m)));
            return out;
        }
    }

    public record ClassFigures(String label, double precision, double recall, double f1, int support) {
    }

    /** One line of the training history. */
    public record Epoch(int epoch, double loss, Map<String, Double> devMacroF1, double devScore, double seconds, double examplesPerSecond) {

        public static List<Epoch> of(List<EpochRecord> history) {
            return history.stream().map(e -> new Epoch(e.epoch(), e.loss(), e.devMacroF1(), e.devScore(), e.seconds(), e.examplesPerSecond()))
                    .toList();
        }
    }

    /** The training settings this model was made with, as the library's config (embeddings file not included). */
    public TrainConfig trainConfig() {
        return TrainConfig.builder().tasks(network.tasks()).normalizer(NormalizerConfig.fromMap(normalizer)).ngrams(features.toConfig())
                .hidden(network.hidden()).inputDropout(network.inputDropout()).l2(network.l2()).optimizer(Optimizer.valueOf(network.optimizer()))
                .learningRate(network.learningRate()).maxEpochs(network.maxEpochs()).patience(network.patience()).batchSize(network.batchSize())
                .classWeighting(ClassWeighting.valueOf(network.classWeighting()))
                .authoredWeight(network.authoredWeight() == null ? 1.0 : network.authoredWeight()).noPositionLabels(noPositionLabels)
                .metric(network.metric() == null ? Metric.AUTO : Metric.valueOf(network.metric())).offsetFolds(network.offsetFolds())
                .seed(network.seed()).build();
    }
}
