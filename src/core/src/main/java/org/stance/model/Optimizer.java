package org.stance.model;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The update rule. LBFGS fits linear heads to convergence on all training rows at once (see
 * {@link LogisticFit}): no learning rate, no early stopping, no dev set needed. The others are
 * mini-batch rules whose epoch a dev set chooses; AdaGrad suits sparse TF-IDF input, Adam the
 * hidden-layer network.
 */
public enum Optimizer {
    LBFGS, ADAM, ADAGRAD, SGD, NESTEROV;

    /** Whether this rule trains in mini-batches with early stopping on a dev set. */
    public boolean earlyStopping() {
        return this != LBFGS;
    }

    IUpdater updater(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case ADAGRAD -> new AdaGrad(learningRate);
            case SGD -> new Sgd(learningRate);
            case NESTEROV -> new Nesterovs(learningRate, 0.9);
            case LBFGS -> new NoOp(); // LogisticFit updates the weights itself
        };
    }
}
