package org.stance.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.stance.features.SparseVector;

/**
 * Inference with the trained network's weights without materialising the dense input: the first
 * layer's product is summed over a snapshot of its weights ({@link FirstLayer}), and everything
 * after it (ReLU hidden layer, softmax heads) runs batched in ND4J. The result equals
 * {@code network.output} on the dense input (checked by a test).
 */
final class SparseForward {

    private final List<String> tasks;
    private final FirstLayer first;

    private SparseForward(List<String> tasks, FirstLayer first) {
        this.tasks = tasks;
        this.first = first;
    }

    /** A snapshot of the network's first-layer weights. */
    static SparseForward of(ComputationGraph network, List<String> tasks) {
        return new SparseForward(tasks, FirstLayer.of(network, tasks));
    }

    /** Output probabilities per task for a batch of sparse rows. */
    INDArray[] output(ComputationGraph network, List<SparseVector> rows) {
        INDArray pre = Nd4j.create(first.preActivation(rows), new long[] {rows.size(), first.width}, 'c');
        INDArray[] result = new INDArray[tasks.size()];
        if (first.hidden) {
            INDArray h = Transforms.relu(pre, false);
            for (int t = 0; t < tasks.size(); t++) {
                Layer head = network.getLayer(tasks.get(t));
                result[t] = Transforms.softmax(h.mmul(head.getParam("W")).addiRowVector(head.getParam("b")), false);
            }
        } else {
            for (int t = 0; t < tasks.size(); t++) {
                result[t] = Transforms.softmax(first.headSlice(pre, t), false);
            }
        }
        return result;
    }
}
