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
 * Inference with the trained network's weights without materialising the dense input. A
 * sentence touches a few hundred of the vocabulary's features; building the dense
 * [batch × vocabulary] matrix costs far more than the arithmetic, and ND4J 1.0.0-M2.1 has no
 * fast sparse product on CPU (its row gather makes one view per row: measured ~800 sentences/s).
 * So the first layer — x·W for sparse x, an "embedding bag" — is summed here over a snapshot of
 * W, and everything after it (bias, ReLU hidden layer, softmax heads) runs batched in ND4J.
 * The result equals {@code network.output} on the dense input (checked by a test).
 */
final class SparseForward {

    private final List<String> tasks;
    private final boolean hidden;
    private final float[] weights; // first layer, row-major [features × width]
    private final int width;
    private final INDArray bias;
    private final int[] headWidths;

    private SparseForward(List<String> tasks, boolean hidden, float[] weights, int width, INDArray bias, int[] headWidths) {
        this.tasks = tasks;
        this.hidden = hidden;
        this.weights = weights;
        this.width = width;
        this.bias = bias;
        this.headWidths = headWidths;
    }

    /** A snapshot of the network's first-layer weights: the hidden layer, or all heads side by side. */
    static SparseForward of(ComputationGraph network, List<String> tasks, boolean hidden) {
        int[] headWidths = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            headWidths[t] = (int) network.getLayer(tasks.get(t)).getParam("b").length();
        }
        INDArray w;
        INDArray b;
        if (hidden) {
            Layer h = network.getLayer(NetworkFactory.HIDDEN);
            w = h.getParam("W");
            b = h.getParam("b");
        } else {
            INDArray[] ws = new INDArray[tasks.size()];
            INDArray[] bs = new INDArray[tasks.size()];
            for (int t = 0; t < tasks.size(); t++) {
                ws[t] = network.getLayer(tasks.get(t)).getParam("W");
                bs[t] = network.getLayer(tasks.get(t)).getParam("b");
            }
            w = Nd4j.hstack(ws);
            b = Nd4j.hstack(bs);
        }
        return new SparseForward(tasks, hidden, w.dup('c').data().asFloat(), (int) w.columns(), b.dup().reshape(1, w.columns()), headWidths);
    }

    /** Output probabilities per task for a batch of sparse rows. */
    INDArray[] output(ComputationGraph network, List<SparseVector> rows) {
        float[] first = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector v = rows.get(r);
            int out = r * width;
            for (int i = 0; i < v.size(); i++) {
                int row = v.indices()[i] * width;
                float x = v.values()[i];
                for (int c = 0; c < width; c++) {
                    first[out + c] += x * weights[row + c];
                }
            }
        }
        INDArray pre = Nd4j.create(first, new long[] {rows.size(), width}, 'c').castTo(bias.dataType()).addiRowVector(bias);
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
