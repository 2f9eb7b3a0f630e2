package org.stance.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
    private final boolean hidden;
    private final FirstLayer first;
    private final int[] headWidths;

    private SparseForward(List<String> tasks, boolean hidden, FirstLayer first, int[] headWidths) {
        this.tasks = tasks;
        this.hidden = hidden;
        this.first = first;
        this.headWidths = headWidths;
    }

    /** A snapshot of the network's first-layer weights. */
    static SparseForward of(ComputationGraph network, List<String> tasks) {
        int[] headWidths = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            headWidths[t] = (int) network.getLayer(tasks.get(t)).getParam("b").length();
        }
        return new SparseForward(tasks, FirstLayer.hasHidden(network), FirstLayer.of(network, tasks), headWidths);
    }

    /** Output probabilities per task for a batch of sparse rows. */
    INDArray[] output(ComputationGraph network, List<SparseVector> rows) {
        INDArray pre = Nd4j.create(first.preActivation(rows), new long[] {rows.size(), first.width}, 'c');
        INDArray[] result = new INDArray[tasks.size()];
        if (hidden) {
            INDArray h = Transforms.relu(pre, false);
            for (int t = 0; t < tasks.size(); t++) {
                Layer head = network.getLayer(tasks.get(t));
                result[t] = Transforms.softmax(h.mmul(head.getParam("W")).addiRowVector(head.getParam("b")), false);
            }
        } else {
            int offset = 0;
            for (int t = 0; t < tasks.size(); t++) {
                INDArray logits = pre.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + headWidths[t])).dup();
                result[t] = Transforms.softmax(logits, false);
                offset += headWidths[t];
            }
        }
        return result;
    }
}
