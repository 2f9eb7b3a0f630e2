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
        return new Trainer(config, null, line -> { }).train(rows, List.of()).classifier().parameters();
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
        float[] plain = parameters(CONFIG, mixed);
        float[] halved = parameters(CONFIG.toBuilder().authoredWeight(0.5).build(), mixed);
        assertFalse(Arrays.equals(plain, halved), "a weight of 0.5 changed nothing");
        // Without authored rows the setting has nothing to weigh: the very same parameters.
        assertArrayEquals(parameters(CONFIG, real), parameters(CONFIG.toBuilder().authoredWeight(0.5).build(), real));
        // Weight 1 given explicitly is the default.
        assertArrayEquals(plain, parameters(CONFIG.toBuilder().authoredWeight(1.0).build(), mixed));
    }

    @Test
    void outOfRangeOrMiniBatchIsRefused() {
        for (double w : new double[] {0, -1, 11, Double.NaN}) {
            assertEquals("authoredWeight", assertThrows(InvalidSettingException.class,
                    () -> CONFIG.toBuilder().authoredWeight(w).build()).setting());
        }
        assertEquals("authoredWeight", assertThrows(InvalidSettingException.class,
                () -> CONFIG.toBuilder().optimizer(Optimizer.ADAM).authoredWeight(0.5).build()).setting());
    }
}
