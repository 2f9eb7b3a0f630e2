package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.stance.features.NgramConfig;
import org.stance.features.SparseVector;
import org.stance.text.NormalizerConfig;

/**
 * The sparse training step must be DL4J's own dense step: same parameters after several batches,
 * same loss. Where lazy updates differ from dense ones by design (L2 and momentum on rows a batch
 * does not touch), the check uses rows that touch every feature, so both must agree there too.
 */
class SparseFitTest {

    private static final int FEATURES = 40;
    private static final List<String> TASKS = List.of("stance", "topic");
    private static final List<double[]> WEIGHTS = List.of(new double[] {1.0, 2.5, 0.7}, new double[] {1.0, 1.0});

    @ParameterizedTest
    @CsvSource({
        "ADAGRAD, 0, 0, false",     // sparse rows: exact when there is no L2
        "SGD, 0, 0, false",
        "ADAGRAD, 0, 1e-3, true",   // every feature in every row: L2 and momentum are exact too
        "ADAM, 0, 1e-3, true",
        "NESTEROV, 0, 1e-3, true",
        "ADAGRAD, 5, 0, false",     // a hidden layer, sparse rows
        "ADAM, 5, 1e-3, true",
    })
    void sparseStepsEqualDl4jDenseSteps(Optimizer optimizer, int hidden, double l2, boolean denseRows) {
        TrainConfig config = TrainConfig.builder().tasks(TASKS).hidden(hidden).l2(l2).optimizer(optimizer).learningRate(0.05).maxEpochs(1)
                .patience(1).batchSize(8).classWeighting(ClassWeighting.NONE).seed(11L).build();
        List<Integer> counts = List.of(3, 2);
        ComputationGraph dense = NetworkFactory.build(config, FEATURES, counts, WEIGHTS);
        ComputationGraph sparse = NetworkFactory.build(config, FEATURES, counts, WEIGHTS);
        assertArrayEquals(dense.params().toFloatVector(), sparse.params().toFloatVector(), "same seed, same initial weights");
        SparseFit fit = new SparseFit(config, sparse, TASKS, WEIGHTS);

        Random random = new Random(5);
        for (int batch = 0; batch < 4; batch++) {
            List<SparseVector> rows = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                rows.add(denseRows ? everyFeature(random) : someFeatures(random));
            }
            INDArray[] targets = {oneHot(random, 8, 3), oneHot(random, 8, 2)};
            INDArray[] masks = {null, Nd4j.create(new float[][] {{1}, {0}, {1}, {1}, {0}, {1}, {1}, {1}})};
            dense.fit(new MultiDataSet(new INDArray[] {FeatureBatch.of(rows, FEATURES)}, targets, null, masks));
            double loss = fit.step(rows, targets, masks, 0);
            if (l2 == 0) {
                assertEquals(dense.score(), loss, 1e-4, "loss of batch " + batch);
            }
        }
        fit.writeTo(sparse);
        assertArrayEquals(dense.params().toFloatVector(), sparse.params().toFloatVector(), 2e-5f);
    }

    private static SparseVector someFeatures(Random random) {
        int[] indices = random.ints(0, FEATURES).distinct().limit(6).sorted().toArray();
        float[] values = new float[indices.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new SparseVector(indices, values);
    }

    private static SparseVector everyFeature(Random random) {
        int[] indices = new int[FEATURES];
        float[] values = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            indices[i] = i;
            values[i] = random.nextFloat() - 0.3f;
        }
        return new SparseVector(indices, values);
    }

    private static INDArray oneHot(Random random, int rows, int classes) {
        float[][] y = new float[rows][classes];
        for (float[] row : y) {
            row[random.nextInt(classes)] = 1f;
        }
        return Nd4j.create(y);
    }
}
