package org.stance.model;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** The update rule. Sparse TF-IDF inputs favour AdaGrad/SGD; Adam suits the hidden-layer network. */
public enum Optimizer {
    ADAM, ADAGRAD, SGD, NESTEROV;

    IUpdater updater(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case ADAGRAD -> new AdaGrad(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROV -> new Nesterovs(learningRate, 0.9);
        };
    }
}
