package org.stance.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.stance.features.SparseVector;

/**
 * Training steps on sparse input, split where the cost is. The first layer's product x·W and its
 * gradient touch only the rows of W that the batch's n-grams select, so they run on plain arrays
 * ({@link FirstLayer}, {@link RowUpdater}); the dense [batch × vocabulary] matrix is never built.
 * What follows (ReLU, the softmax heads and their class-weighted loss) is small and runs in
 * DL4J: one MultiLayerNetwork per task, whose {@code calculateGradients} gives the gradient at
 * its input, summed over tasks and carried back into the first layer. Gradients are averaged
 * over the batch and L2 is added before the update rule, as DL4J does, but only to the rows a
 * batch touches (see {@link RowUpdater}): a row's decay then scales with how often its n-gram
 * occurs, not with the number of steps, so a rare n-gram decays less than in dense training.
 * bench/run.sh chooses --l2 on dev for each task.
 */
final class SparseFit {

    private final List<String> tasks;
    private final FirstLayer first;
    private final RowUpdater weightUpdater;
    private final RowUpdater biasUpdater;
    private final float l2;
    private final List<MultiLayerNetwork> heads = new ArrayList<>();
    private final double retain;
    private final Random dropout;
    private final int[] slot;    // feature → its row in gradient during a step, -1 otherwise
    private int[] touched = new int[1024];
    private float[] gradient;
    private long steps;

    SparseFit(TrainConfig config, ComputationGraph network, List<String> tasks, List<double[]> classWeights) {
        this.tasks = List.copyOf(tasks);
        this.first = FirstLayer.of(network, tasks);
        this.weightUpdater = new RowUpdater(config.optimizer(), config.learningRate(), first.weights.length);
        this.biasUpdater = new RowUpdater(config.optimizer(), config.learningRate(), first.width);
        this.l2 = (float) config.l2();
        for (int t = 0; t < tasks.size(); t++) {
            heads.add(NetworkFactory.head(config, network, tasks.get(t), classWeights.get(t)));
        }
        this.retain = 1.0 - config.inputDropout();
        this.dropout = new Random(config.seed() ^ 0x5DEECE66DL);
        this.slot = new int[first.weights.length / first.width];
        Arrays.fill(slot, -1);
        this.gradient = new float[touched.length * first.width];
    }

    /**
     * One update on a batch. targets[t] and masks[t] are task t's one-hot labels and its label
     * mask (null when every row has a label). Returns the batch loss summed over tasks.
     */
    double step(List<SparseVector> rows, INDArray[] targets, INDArray[] masks, int epoch) {
        List<SparseVector> input = retain < 1 ? dropInputs(rows) : rows;
        int n = rows.size();
        int width = first.width;
        INDArray pre = Nd4j.create(first.preActivation(input), new long[] {n, width}, 'c');
        float[] epsilon = new float[n * width];
        double loss = 0;
        for (int t = 0; t < tasks.size(); t++) {
            MultiLayerNetwork head = heads.get(t);
            INDArray in = first.hidden ? pre : first.headSlice(pre, t);
            loss += head.score(new DataSet(in, targets[t], null, masks[t]), false);
            Pair<Gradient, INDArray> g = head.calculateGradients(in, targets[t], null, masks[t]);
            if (head.numParams() > 0) {
                head.getUpdater(true).update(head, g.getFirst(), (int) steps, epoch, n, LayerWorkspaceMgr.noWorkspaces());
                head.params().subi(g.getFirst().gradient());
            }
            // the gradient at this head's input, added into its columns of the first layer's output
            float[][] e = g.getSecond().toFloatMatrix();
            int at = first.hidden ? 0 : first.headStart(t);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < e[r].length; c++) {
                    epsilon[r * width + at + c] += e[r][c];
                }
            }
        }
        steps++;
        updateFirstLayer(input, epsilon);
        return loss;
    }

    /** Gathers the batch-mean gradient of each touched row, adds L2, applies the update rule. */
    private void updateFirstLayer(List<SparseVector> rows, float[] epsilon) {
        int width = first.width;
        float scale = 1f / rows.size();
        int count = 0;
        float[] biasGradient = new float[width];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector v = rows.get(r);
            for (int c = 0; c < width; c++) {
                biasGradient[c] += epsilon[r * width + c] * scale;
            }
            for (int i = 0; i < v.size(); i++) {
                int feature = v.indices()[i];
                int s = slot[feature];
                if (s < 0) {
                    s = count++;
                    ensureCapacity(count);
                    slot[feature] = s;
                    touched[s] = feature;
                    Arrays.fill(gradient, s * width, (s + 1) * width, 0f);
                }
                float x = v.values()[i] * scale;
                for (int c = 0; c < width; c++) {
                    gradient[s * width + c] += x * epsilon[r * width + c];
                }
            }
        }
        for (int s = 0; s < count; s++) {
            int feature = touched[s];
            int row = feature * width;
            if (l2 > 0) {
                for (int c = 0; c < width; c++) {
                    gradient[s * width + c] += l2 * first.weights[row + c];
                }
            }
            weightUpdater.apply(first.weights, row, gradient, s * width, width, steps);
            slot[feature] = -1;
        }
        biasUpdater.apply(first.bias, 0, biasGradient, 0, width, steps);
    }

    private void ensureCapacity(int rows) {
        if (rows > touched.length) {
            touched = Arrays.copyOf(touched, rows * 2);
            gradient = Arrays.copyOf(gradient, rows * 2 * first.width);
        }
    }

    /** Inverted dropout on the n-gram inputs: each kept feature is scaled by 1 / retain. */
    private List<SparseVector> dropInputs(List<SparseVector> rows) {
        List<SparseVector> out = new ArrayList<>(rows.size());
        for (SparseVector v : rows) {
            int[] indices = new int[v.size()];
            float[] values = new float[v.size()];
            int kept = 0;
            for (int i = 0; i < v.size(); i++) {
                if (dropout.nextDouble() < retain) {
                    indices[kept] = v.indices()[i];
                    values[kept++] = (float) (v.values()[i] / retain);
                }
            }
            out.add(new SparseVector(Arrays.copyOf(indices, kept), Arrays.copyOf(values, kept)));
        }
        return out;
    }

    /** Writes the trained parameters into the network the classifier scores with. */
    void writeTo(ComputationGraph network) {
        first.writeTo(network, tasks);
        if (first.hidden) {
            for (int t = 0; t < tasks.size(); t++) {
                network.getLayer(tasks.get(t)).setParam("W", heads.get(t).getLayer(1).getParam("W"));
                network.getLayer(tasks.get(t)).setParam("b", heads.get(t).getLayer(1).getParam("b"));
            }
        }
    }
}
