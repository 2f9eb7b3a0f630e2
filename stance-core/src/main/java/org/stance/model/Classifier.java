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
 * gives each thread its own copy.
 */
public final class Classifier {

    /** Sentences per forward pass: large enough to amortise the per-call cost of ND4J. */
    static final int SCORING_BATCH = 256;

    private final Featurizer featurizer;
    private final ComputationGraph network;
    private final Map<String, List<String>> labels;
    private volatile SparseForward forward;

    public Classifier(Featurizer featurizer, ComputationGraph network, Map<String, List<String>> labels) {
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

    public ComputationGraph network() {
        return network;
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
