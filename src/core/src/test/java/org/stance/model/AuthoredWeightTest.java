package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stance.InvalidSettingException;
import org.stance.TestData;
import org.stance.data.LabeledSentence;

/** --authored-weight weighs authored rows in the loss, and nothing else. */
class AuthoredWeightTest {

    private static final TrainConfig CONFIG = TestData.quickConfig(List.of("stance")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(20).build();

    private static float[] parameters(TrainConfig config, List<LabeledSentence> rows) {
        // a mini-batch optimizer chooses its epoch on a dev set; LBFGS only evaluates it
        List<LabeledSentence> dev = config.optimizer() == Optimizer.LBFGS ? List.of() : TestData.head("dev", 60);
        return new Trainer(config, null, line -> { }).train(rows, dev).classifier().parameters();
    }

    @Test
    void authoredRowsWeighWhatTheSettingSays() {
        List<LabeledSentence> real = TestData.head("train", 200);
        List<LabeledSentence> mixed = new ArrayList<>();
        for (int i = 0; i < real.size(); i++) { // every third article marked authored
            LabeledSentence r = real.get(i);
            boolean authored = Math.floorMod(r.articleId().hashCode(), 3) == 0;
            mixed.add(new LabeledSentence(r.articleId(), r.sentenceId(), authored ? LabeledSentence.AUTHORED + "https://example.org/" + r.articleId()
                    : r.source(), r.target(), r.stance(), r.topic(), r.text(), r.line()));
        }
        TrainConfig one = CONFIG.toBuilder().authoredWeight(1.0).build();
        TrainConfig half = CONFIG.toBuilder().authoredWeight(0.5).build();
        assertFalse(Arrays.equals(parameters(one, mixed), parameters(half, mixed)), "a weight of 0.5 changed nothing");
        // Without authored rows the setting has nothing to weigh: the very same parameters.
        assertArrayEquals(parameters(one, real), parameters(half, real));
        // Mini-batch training weighs rows through DL4J's label mask.
        TrainConfig adam = CONFIG.toBuilder().optimizer(Optimizer.ADAM).maxEpochs(2).authoredWeight(1.0).build();
        float[] adamOne = parameters(adam, mixed);
        assertArrayEquals(adamOne, parameters(adam, mixed), "seeded mini-batch training repeats itself");
        assertFalse(Arrays.equals(adamOne, parameters(adam.toBuilder().authoredWeight(0.5).build(), mixed)),
                "a weight of 0.5 changed nothing with ADAM");
    }

    @Test
    void outOfRangeIsRefused() {
        for (double w : new double[] {0, -1, 11, Double.NaN}) {
            assertEquals("authoredWeight", assertThrows(InvalidSettingException.class,
                    () -> CONFIG.toBuilder().authoredWeight(w).build()).setting());
        }
    }
}
