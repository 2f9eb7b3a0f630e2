package org.stance.artifact;

import org.stance.model.ClassWeighting;
import org.stance.model.TrainConfig;

/** The network and optimiser settings of a {@link TrainConfig}, as recorded in a manifest. */
public record Hyperparameters(int hidden, double inputDropout, double l2, org.stance.model.Optimizer optimizer, double learningRate, int maxEpochs, int patience,
                              int batchSize, ClassWeighting classWeighting, long seed) {

    public static Hyperparameters of(TrainConfig c) {
        return new Hyperparameters(c.hidden(), c.inputDropout(), c.l2(), c.optimizer(), c.learningRate(), c.maxEpochs(), c.patience(),
                c.batchSize(), c.classWeighting(), c.seed());
    }
}
