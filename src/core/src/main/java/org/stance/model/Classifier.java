package org.stance.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.stance.features.Featurizer;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;
import org.stance.features.SentenceProjection;
import org.stance.features.SparseVector;

/**
 * A trained stance/topic classifier: the featurizer, the network's parameters and the labels of
 * each task. Prediction runs on plain arrays ({@link Predictor}), is immutable and thread-safe,
 * and never touches ND4J; the DL4J network exists only while training (a loaded model has none).
 * What leaves this package is the architecture settings and a flat parameter array
 * ({@link #parameters()}, {@link #restore}), so a model file never holds anything DL4J would
 * deserialize.
 */
public final class Classifier {

    private final Featurizer featurizer;
    private final ComputationGraph network; // null for a loaded model
    private final Map<String, List<String>> labels;
    private volatile Predictor predictor;

    Classifier(Featurizer featurizer, ComputationGraph network, Map<String, List<String>> labels) {
        this.featurizer = featurizer;
        this.network = network;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        labels.forEach((task, l) -> copy.put(task, List.copyOf(l)));
        this.labels = java.util.Collections.unmodifiableMap(copy);
    }

    private Classifier(Featurizer featurizer, Predictor predictor, Map<String, List<String>> labels) {
        this(featurizer, (ComputationGraph) null, labels);
        this.predictor = predictor;
    }

    /** Task → labels, in output order. */
    public Map<String, List<String>> labels() {
        return labels;
    }

    public List<String> tasks() {
        return List.copyOf(labels.keySet());
    }

    public Featurizer featurizer() {
        return featurizer;
    }

    ComputationGraph network() {
        return network;
    }

    /** The parameters in the model file's layout ({@link Predictor}). */
    public float[] parameters() {
        return predictor().parameters();
    }

    /**
     * A classifier for the architecture {@code config} describes, carrying {@code parameters} in the
     * layout {@link #parameters()} writes. Fails when their count is not that architecture's.
     */
    public static Classifier restore(Featurizer featurizer, TrainConfig config, Map<String, List<String>> labels, float[] parameters) {
        List<Integer> classCounts = config.tasks().stream().map(t -> labels.get(t).size()).toList();
        long expected = parameterCount(config, featurizer.dimension(), classCounts);
        if (expected != parameters.length) {
            throw new IllegalArgumentException("the stored network has " + parameters.length + " parameters; its architecture has " + expected);
        }
        return new Classifier(featurizer, Predictor.fromParameters(parameters, featurizer.dimension(), config.hidden(), config.tasks(), classCounts),
                labels);
    }

    /** The number of parameters of the network {@code config} describes, computed without building it. */
    public static long parameterCount(TrainConfig config, int inputSize, List<Integer> classCounts) {
        long sum = 0;
        if (config.hidden() > 0) {
            sum += (long) inputSize * config.hidden() + config.hidden();
            for (int c : classCounts) {
                sum += (long) config.hidden() * c + c;
            }
        } else {
            for (int c : classCounts) {
                sum += (long) inputSize * c + c;
            }
        }
        return sum;
    }

    /** Probabilities per task: result.get(task)[example][label], each sentence scored on its own. Thread-safe. */
    public Map<String, float[][]> predict(List<String> texts, List<String> targets) {
        return predict(texts, targets, (SparseVector) null);
    }

    /**
     * The same for sentences of one article whose context block ({@link ArticleInputs#context()}) is {@code contextBlock}
     * (null: each sentence on its own, as an article of one).
     */
    public Map<String, float[][]> predict(List<String> texts, List<String> targets, SparseVector contextBlock) {
        if (contextBlock == null) {
            return predictor().predictAlone(texts, targets, projection(), featurizer.articleContext());
        }
        List<SparseVector> own = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            own.add(featurizer.sentenceVector(texts.get(i), targets.get(i)));
        }
        return inArticle(own, contextBlock);
    }

    /** Probabilities of sentences of one article from their own blocks and the article's context block (null: none). */
    private Map<String, float[][]> inArticle(List<SparseVector> own, SparseVector contextBlock) {
        return contextBlock == null || featurizer.articleContext() == 0 ? predictVectors(own)
                : predictor().predictInArticle(own, contextBlock, featurizer.baseDimension());
    }

    private volatile SentenceProjection projection;

    /** The first layer's projection of sentences scored alone (built on first use; holds a per-token cache). */
    private SentenceProjection projection() {
        SentenceProjection p = projection;
        if (p == null) {
            synchronized (this) {
                p = projection;
                if (p == null) {
                    p = predictor().projection(featurizer);
                    projection = p;
                }
            }
        }
        return p;
    }

    /** Rows of a data set, each in its article ({@link LabeledSentence#groupKey()}): how evaluation scores them. */
    public Map<String, float[][]> predictRows(List<LabeledSentence> rows) {
        List<SparseVector> own = featurizer.sentenceVectors(rows.stream().map(LabeledSentence::text).toList(),
                rows.stream().map(LabeledSentence::target).toList());
        if (featurizer.articleContext() == 0) {
            return predictVectors(own);
        }
        Map<String, List<Integer>> byArticle = GroupSplitter.positionsByGroup(rows.stream().map(LabeledSentence::groupKey).toList());
        Map<String, float[][]> out = new LinkedHashMap<>();
        tasks().forEach(t -> out.put(t, new float[rows.size()][]));
        for (List<Integer> article : byArticle.values()) {
            org.stance.features.ArticleContext.Sum sum = new org.stance.features.ArticleContext.Sum();
            List<SparseVector> sentences = new ArrayList<>(article.size());
            for (int i : article) {
                sum.add(own.get(i));
                sentences.add(own.get(i));
            }
            Map<String, float[][]> probs = inArticle(sentences, featurizer.contextBlock(sum));
            probs.forEach((task, p) -> {
                for (int k = 0; k < article.size(); k++) {
                    out.get(task)[article.get(k)] = p[k];
                }
            });
        }
        return out;
    }

    /**
     * An article's sentences read for scoring in their article. Scoring takes the article context
     * block's share of the first layer ({@code share}) and, when kept, each sentence's own share,
     * from one projection of each sentence; explanations take the sparse block ({@code context}),
     * which names the features. Exactly one of the two is set. With explanations, probabilities
     * come from the sparse block: they may differ from the projection's in the fourth decimal.
     */
    public static final class ArticleInputs {
        private final SparseVector context;
        private final Predictor.ArticleShare projected;
        private final NamedShares.ArticleSentences sentences; // what the sparse block sums, for explanations

        private ArticleInputs(SparseVector context, Predictor.ArticleShare projected, NamedShares.ArticleSentences sentences) {
            this.context = context;
            this.projected = projected;
            this.sentences = sentences;
        }

        /** The sparse context block, null unless read for explanations. */
        public SparseVector context() {
            return context;
        }

        /** Whether the sentences' own shares were kept (then {@link #predict(ArticleInputs, int, int)} scores them). */
        public boolean kept() {
            return projected != null && projected.own() != null;
        }

        /** How many sentences' own shares were kept: 0 when none were. */
        public int keptSentences() {
            return kept() ? projected.own().size() : 0;
        }
    }

    /**
     * The article context of an article's sentences (all of them, for any batch of them), with
     * their own shares when {@code keep}, or as the sparse block when {@code sparse} (for
     * explanations); null when the model has no article context.
     */
    public ArticleInputs articleInputs(List<String> texts, List<String> targets, boolean keep, boolean sparse) {
        return articleInputs(texts, targets, java.util.stream.IntStream.rangeClosed(1, texts.size()).boxed().toList(), keep, sparse);
    }

    /** The same, naming the sentences by {@code ids} in explanations. */
    public ArticleInputs articleInputs(List<String> texts, List<String> targets, List<Integer> ids, boolean keep, boolean sparse) {
        if (featurizer.articleContext() == 0) {
            return null;
        }
        if (!sparse) {
            return new ArticleInputs(null, predictor().projectArticle(texts, targets, projection(), featurizer.articleContext(), keep), null);
        }
        org.stance.features.ArticleContext.Sum sum = new org.stance.features.ArticleContext.Sum();
        List<SparseVector> blocks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            blocks.add(featurizer.sentenceVector(texts.get(i), targets.get(i)));
            sum.add(blocks.get(i));
        }
        return new ArticleInputs(featurizer.contextBlock(sum), null, new NamedShares.ArticleSentences(List.copyOf(ids), blocks));
    }

    /** Probabilities of the article's sentences [from, to) from their kept own shares ({@link ArticleInputs#kept()}). */
    public Map<String, float[][]> predict(ArticleInputs article, int from, int to) {
        if (!article.kept()) {
            throw new IllegalStateException("the article's own shares were not kept");
        }
        return predictor().predictProjected(article.projected, from, to);
    }

    /** Probabilities of sentences of an article read by {@link #articleInputs} (null: each sentence alone). */
    public Map<String, float[][]> predict(List<String> texts, List<String> targets, ArticleInputs article) {
        if (article == null) {
            return predict(texts, targets);
        }
        return article.context != null ? predict(texts, targets, article.context)
                : predictor().predictProjected(texts, targets, projection(), article.projected.share());
    }

    Map<String, float[][]> predictVectors(List<SparseVector> vectors) {
        return predictor().predict(vectors);
    }

    /** One feature's share of a label's logit, named as a person reads it ("word الانسحاب", "chars 'نسح' of الانسحاب"). */
    public record Contribution(String feature, double value) {
    }

    /**
     * Why a sentence got (or would get) {@code label} for {@code task}: the logit as bias plus the
     * features' contributions, the {@code k} that raise it most, and the sum of all the others, so
     * that {@code bias + sum(top) + others == logit}. Features are named as {@link NamedShares} names them: words
     * (their n-grams and their share of the pooled word vectors), n-grams, and the article's sentences.
     *
     * @param method "exact" for linear heads; "exact for this input (ReLU pattern fixed)" with a hidden layer
     */
    public record Attribution(String task, String label, String method, double bias, double logit, List<Contribution> top, double others) {
    }

    public Attribution explain(String text, String target, String task, String label, int k) {
        return explain(text, target, null, task, label, k);
    }

    /** The same for a sentence of an article read by {@link #articleInputs} with its sparse block (null: the sentence alone). */
    public Attribution explain(String text, String target, ArticleInputs article, String task, String label, int k) {
        SparseVector contextBlock = article == null ? null : article.context;
        int t = tasks().indexOf(task);
        int c = labels.get(task).indexOf(label);
        if (t < 0 || c < 0) {
            throw new IllegalArgumentException("no label '" + label + "' for task '" + task + "'");
        }
        SparseVector row = input(text, target, contextBlock);
        Predictor.Attribution a = predictor().attribute(row, t, c);
        Map<String, Double> byFeature = NamedShares.of(featurizer, text, target, row, a, contextBlock == null ? null : article.sentences);
        List<Contribution> all = new ArrayList<>();
        byFeature.forEach((name, v) -> all.add(new Contribution(name, v)));
        all.sort((x, y) -> Double.compare(y.value(), x.value()));
        List<Contribution> top = List.copyOf(all.subList(0, Math.min(k, all.size())));
        double others = a.logit() - a.bias() - top.stream().mapToDouble(Contribution::value).sum();
        String method = predictorHidden() ? "exact for this input (ReLU pattern fixed)" : "exact";
        return new Attribution(task, label, method, a.bias(), a.logit(), top, others);
    }

    /** A sentence's whole input: alone (an article of one) or in an article with this context block. */
    private SparseVector input(String text, String target, SparseVector contextBlock) {
        return contextBlock == null ? featurizer.featurize(text, target) : featurizer.inArticle(featurizer.sentenceVector(text, target), contextBlock);
    }

    private boolean predictorHidden() {
        return predictor().hidden();
    }

    /** Task's logits for one sentence (the values the attributions add up to). */
    float[] logits(String text, String target, String task) {
        return predictor().logits(featurizer.featurize(text, target), tasks().indexOf(task));
    }

    /** The plain-array snapshot of the network; rebuilt after {@link #weightsChanged()}. */
    private Predictor predictor() {
        Predictor p = predictor;
        if (p == null) {
            p = Predictor.of(network, tasks());
            predictor = p;
        }
        return p;
    }

    /** Adds {@code offsets} (one per label) to task {@code task}'s output bias: decision offsets become part of the model. */
    public void shiftBias(String task, double[] offsets) {
        if (network == null) {
            throw new IllegalStateException("decision offsets are added while training; a loaded model has no network to change");
        }
        org.nd4j.linalg.api.ndarray.INDArray b = network.getLayer(task).getParam("b");
        for (int c = 0; c < offsets.length; c++) {
            b.putScalar(c, b.getDouble(c) + offsets[c]);
        }
        weightsChanged();
    }

    /** One prediction re-ordered from a model's labels {@code from} to {@code to} (a label the model lacks gets 0). */
    public static float[] align(float[] probs, List<String> from, List<String> to) {
        float[] out = new float[to.size()];
        for (int i = 0; i < from.size(); i++) {
            int j = to.indexOf(from.get(i));
            if (j >= 0) {
                out[j] = probs[i];
            }
        }
        return out;
    }

    /** Called by the trainer whenever it updates the network's weights. */
    void weightsChanged() {
        predictor = null;
        projection = null; // its matrix is the old predictor's
    }

    /** The network's own forward pass on the dense input, the reference {@link Predictor} is checked against. */
    INDArray[] denseOutput(List<SparseVector> vectors) {
        return network.output(false, FeatureBatch.of(vectors, featurizer.dimension()));
    }
}
