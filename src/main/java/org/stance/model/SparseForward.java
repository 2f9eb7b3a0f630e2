package org.stance.model;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.stance.features.SparseVector;

/**
 * Inference with the trained network's own weights, without materialising the dense input.
 * A sentence touches a few hundred of the vocabulary's features; building the dense
 * [batch × vocabulary] matrix costs far more than the arithmetic. Here the first layer gathers
 * the weight rows of the active features (one pullRows), scales them by the feature values and
 * sums them per sentence (one unsorted segment sum), all in ND4J, then the rest of the network
 * (ReLU hidden layer if any, softmax heads) runs as usual batched matrix products. The result
 * equals {@code network.output} on the dense input (checked by a test).
 */
final class SparseForward {

    private SparseForward() {
    }

    /** Output probabilities per task, in the network's output order. */
    static INDArray[] output(ComputationGraph network, List<String> tasks, boolean hidden, List<SparseVector> rows) {
        String first = hidden ? NetworkFactory.HIDDEN : null;
        INDArray[] out = new INDArray[tasks.size()];
        if (hidden) {
            INDArray h = firstLayer(network.getLayer(first).getParam("W"), network.getLayer(first).getParam("b"), rows);
            Transforms.relu(h, false);
            for (int t = 0; t < tasks.size(); t++) {
                org.deeplearning4j.nn.api.Layer head = network.getLayer(tasks.get(t));
                out[t] = softmax(h.mmul(head.getParam("W")).addiRowVector(head.getParam("b")));
            }
        } else {
            for (int t = 0; t < tasks.size(); t++) {
                org.deeplearning4j.nn.api.Layer head = network.getLayer(tasks.get(t));
                out[t] = softmax(firstLayer(head.getParam("W"), head.getParam("b"), rows));
            }
        }
        return out;
    }

    /** x · W + b for sparse rows x. */
    private static INDArray firstLayer(INDArray weights, INDArray bias, List<SparseVector> rows) {
        int nnz = 0;
        for (SparseVector v : rows) {
            nnz += v.size();
        }
        long width = weights.columns();
        INDArray result;
        if (nnz == 0) {
            result = Nd4j.zeros(weights.dataType(), rows.size(), width);
        } else {
            int[] index = new int[nnz];
            float[] values = new float[nnz];
            int[] segment = new int[nnz];
            int k = 0;
            for (int r = 0; r < rows.size(); r++) {
                SparseVector v = rows.get(r);
                for (int i = 0; i < v.size(); i++) {
                    index[k] = v.indices()[i];
                    values[k] = v.values()[i];
                    segment[k++] = r;
                }
            }
            INDArray gathered = Nd4j.pullRows(weights, 1, index);
            gathered.muliColumnVector(Nd4j.createFromArray(values).reshape(nnz, 1).castTo(weights.dataType()));
            result = Nd4j.exec(new UnsortedSegmentSum(gathered, Nd4j.createFromArray(segment), rows.size()))[0];
        }
        return result.addiRowVector(bias);
    }

    private static INDArray softmax(INDArray logits) {
        return Transforms.softmax(logits, false);
    }
}
