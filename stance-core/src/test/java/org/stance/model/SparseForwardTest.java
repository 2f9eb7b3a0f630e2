package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.stance.TestData;
import org.stance.data.LabeledSentence;
import org.stance.features.NgramConfig;
import org.stance.features.SparseVector;
import org.stance.text.NormalizerConfig;

/** The sparse inference path must give what DL4J's own forward pass gives on the dense input. */
class SparseForwardTest {

    private static void check(TrainConfig config) {
        List<LabeledSentence> train = TestData.head("train", 400);
        List<LabeledSentence> dev = TestData.head("dev", 100);
        Classifier c = new Trainer(config, s -> { }).train(train, dev).classifier();
        List<SparseVector> vectors = new ArrayList<>();
        for (LabeledSentence r : TestData.head("test", 80)) {
            vectors.add(c.featurizer().featurize(r.text(), r.target()));
        }
        vectors.add(c.featurizer().featurize("كلمة", ""));
        INDArray[] dense = c.denseOutput(vectors);
        var sparse = c.predictVectors(vectors);
        for (int t = 0; t < c.tasks().size(); t++) {
            float[][] expected = dense[t].toFloatMatrix();
            for (int i = 0; i < vectors.size(); i++) {
                assertArrayEquals(expected[i], sparse.get(c.tasks().get(t))[i], 1e-5f, "row " + i);
            }
        }
    }

    @Test
    void linearHeadsMatchTheDenseForwardPass() {
        check(TestData.quickConfig(List.of("stance", "topic")));
    }

    @Test
    void hiddenLayerNetworkMatchesTheDenseForwardPass() {
        TrainConfig quick = TestData.quickConfig(List.of("stance", "topic"));
        check(quick.toBuilder().ngrams(new NgramConfig(1, 2, 3, false, 2, 5000, false, false)).hidden(16).inputDropout(0.2)
                .optimizer(Optimizer.ADAM).learningRate(0.005).maxEpochs(2).seed(3L).build());
    }
}
