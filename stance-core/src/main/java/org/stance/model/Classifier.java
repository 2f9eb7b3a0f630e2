package org.stance.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.stance.features.Featurizer;
import org.stance.features.SparseVector;

/**
 * A trained stance/topic classifier: the featurizer, the network and the labels of each task.
 * {@link #predict} is not thread-safe (DL4J networks keep per-call state); the api package
 * gives each thread its own copy. The network stays inside this package: what leaves it is its
 * architecture settings and a flat parameter array ({@link #parameters()}, {@link #restore}), so a
 * model file never holds anything DL4J would deserialize.
 */
public final class Classifier {

    /** Sentences per forward pass: large enough to amortise the per-call cost of ND4J. */
    static final int SCORING_BATCH = 256;

    private final Featurizer featurizer;
    private final ComputationGraph network;
    private final Map<String, List<String>> labels;
    private volatile SparseForward forward;

    Classifier(Featurizer featurizer, ComputationGraph network, Map<String, List<String>> labels) {
        this.featurizer = featurizer;
        this.network = network;
        this.labels = new LinkedHashMap<>(labels);
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

    /** The network's parameters in DL4J's flattening order, which {@link #restore} reads back. */
    public float[] parameters() {
        return network.params().toFloatVector();
    }

    /**
     * The network {@code config} describes, built as the trainer built it (same layers, same order),
     * carrying {@code parameters}. Fails when their count is not the one that architecture has.
     */
    public static Classifier restore(Featurizer featurizer, TrainConfig config, Map<String, List<String>> labels, float[] parameters) {
        List<Integer> classCounts = config.tasks().stream().map(t -> labels.get(t).size()).toList();
        List<double[]> unitWeights = classCounts.stream().map(n -> java.util.Collections.nCopies(n, 1.0).stream()
                .mapToDouble(Double::doubleValue).toArray()).toList();
        ComputationGraph network = NetworkFactory.build(config, featurizer.dimension(), classCounts, unitWeights);
        if (network.numParams() != parameters.length) {
            throw new IllegalArgumentException("the stored network has " + parameters.length + " parameters; its architecture has "
                    + network.numParams());
        }
        network.setParams(org.nd4j.linalg.factory.Nd4j.createFromArray(parameters).reshape(1, parameters.length));
        return new Classifier(featurizer, network, labels);
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

    /** A copy sharing nothing mutable, for use on another thread. */
    public Classifier copy() {
        return new Classifier(featurizer, network.clone(), labels);
    }

    /** Probabilities per task: result.get(task)[example][label]. */
    public Map<String, float[][]> predict(List<String> texts, List<String> targets) {
        List<SparseVector> vectors = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            vectors.add(featurizer.featurize(texts.get(i), targets.get(i)));
        }
        return predictVectors(vectors);
    }

    Map<String, float[][]> predictVectors(List<SparseVector> vectors) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String task : labels.keySet()) {
            out.put(task, new float[vectors.size()][]);
        }
        List<String> tasks = tasks();
        SparseForward forward = sparseForward();
        for (int from = 0; from < vectors.size(); from += SCORING_BATCH) {
            int to = Math.min(vectors.size(), from + SCORING_BATCH);
            INDArray[] outputs = forward.output(network, vectors.subList(from, to));
            for (int t = 0; t < tasks.size(); t++) {
                float[][] rows = outputs[t].toFloatMatrix();
                System.arraycopy(rows, 0, out.get(tasks.get(t)), from, rows.length);
            }
        }
        return out;
    }

    /** The first-layer snapshot for scoring; rebuilt after {@link #weightsChanged()}. */
    private SparseForward sparseForward() {
        SparseForward f = forward;
        if (f == null) {
            f = SparseForward.of(network, tasks());
            forward = f;
        }
        return f;
    }

    /** Called by the trainer whenever it updates the network's weights. */
    void weightsChanged() {
        forward = null;
    }

    /** The network's own forward pass on the dense input, for checking {@link SparseForward}. */
    INDArray[] denseOutput(List<SparseVector> vectors) {
        return network.output(false, FeatureBatch.of(vectors, featurizer.dimension()));
    }
}
