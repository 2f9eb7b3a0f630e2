package org.stance.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.stance.features.SparseVector;

/**
 * The network's first layer as plain arrays: the hidden layer's W and b, or, with no hidden
 * layer, every head's W and b side by side. The sparse n-gram input only ever meets this layer,
 * and a sentence touches a few hundred of its rows, so training and scoring both do its product
 * here ({@link #preActivation}) and hand the small [batch × width] result to DL4J. ND4J
 * 1.0.0-M2.1 has no fast sparse product on CPU; the dense [batch × vocabulary] input it would
 * need is what made dense training slow (58 ms per batch of 32 on a 200k vocabulary).
 */
final class FirstLayer {

    final float[] weights; // row-major [features × width]
    final float[] bias;
    final int width;
    final boolean hidden;
    private final int[] headStart; // no hidden layer: head t's logits are columns [headStart[t], headStart[t + 1])

    FirstLayer(float[] weights, float[] bias, int width, boolean hidden, int[] headStart) {
        this.weights = weights;
        this.bias = bias;
        this.width = width;
        this.hidden = hidden;
        this.headStart = headStart;
    }

    /** A copy of the network's first-layer parameters. */
    static FirstLayer of(ComputationGraph network, List<String> tasks) {
        int[] headStart = new int[tasks.size() + 1];
        for (int t = 0; t < tasks.size(); t++) {
            headStart[t + 1] = headStart[t] + (int) network.getLayer(tasks.get(t)).getParam("b").length();
        }
        boolean hidden = network.getConfiguration().getVertices().containsKey(NetworkFactory.HIDDEN);
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
        return new FirstLayer(w.dup('c').data().asFloat(), b.dup('c').data().asFloat(), (int) w.columns(), hidden, headStart);
    }

    /** Every task's first column, and one past the last task's (shared by the layers derived from this one). */
    int[] headStarts() {
        return headStart;
    }

    /** With no hidden layer: the first column of task t's logits. */
    int headStart(int t) {
        return headStart[t];
    }

    /** With no hidden layer: task t's logits, a [rows × labels] copy of its columns of {@code pre}. */
    INDArray headSlice(INDArray pre, int t) {
        return pre.get(NDArrayIndex.all(), NDArrayIndex.interval(headStart[t], headStart[t + 1])).dup();
    }

    /** Writes these parameters back into the network (the inverse of {@link #of}). */
    void writeTo(ComputationGraph network, List<String> tasks) {
        int features = weights.length / width;
        INDArray w = Nd4j.create(weights, new long[] {features, width}, 'c');
        INDArray b = Nd4j.create(bias, new long[] {1, width}, 'c');
        if (hidden) {
            network.getLayer(NetworkFactory.HIDDEN).setParam("W", w);
            network.getLayer(NetworkFactory.HIDDEN).setParam("b", b);
            return;
        }
        for (int t = 0; t < tasks.size(); t++) {
            Layer head = network.getLayer(tasks.get(t));
            head.setParam("W", headSlice(w, t));
            head.setParam("b", headSlice(b, t));
        }
    }

    /** bias + x·W of one sparse row, into {@code out} (length width). */
    void preActivation(SparseVector v, float[] out) {
        System.arraycopy(bias, 0, out, 0, width);
        addProduct(v, 0, out);
    }

    /** Adds x·W to {@code out}, x's index i being input {@code offset + i} (a block of the input that starts there). */
    void addProduct(SparseVector v, int offset, float[] out) {
        int[] indices = v.indices();
        float[] values = v.values();
        for (int i = 0; i < indices.length; i++) {
            int row = (offset + indices[i]) * width;
            float x = values[i];
            for (int c = 0; c < width; c++) {
                out[c] += x * weights[row + c];
            }
        }
    }

    /** bias + x·W for each sparse row: row-major [rows × width]. */
    float[] preActivation(List<SparseVector> rows) {
        float[] out = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector v = rows.get(r);
            int at = r * width;
            System.arraycopy(bias, 0, out, at, width);
            for (int i = 0; i < v.size(); i++) {
                int row = v.indices()[i] * width;
                float x = v.values()[i];
                for (int c = 0; c < width; c++) {
                    out[at + c] += x * weights[row + c];
                }
            }
        }
        return out;
    }
}
