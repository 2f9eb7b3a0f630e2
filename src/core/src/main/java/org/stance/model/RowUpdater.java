package org.stance.model;

import java.util.Arrays;

/**
 * The {@link Optimizer} rules on plain arrays, with the constants of their ND4J counterparts
 * (AdaGrad ε 1e-6, also the sum's start; Adam β1 0.9, β2 0.999, ε 1e-8; Nesterov momentum 0.9), so that a sparse step
 * equals DL4J's dense step on the parameters it touches. Only the rows a batch touches are
 * updated ("lazy" updates, as fastText and TensorFlow's LazyAdam do): for AdaGrad and SGD with no
 * L2 that is exactly the dense update, since an untouched row's gradient is zero; for Adam,
 * Nesterov and L2 it differs in that an untouched row keeps its value instead of drifting with
 * momentum or decaying.
 */
final class RowUpdater {

    private static final double ADAGRAD_EPSILON = 1e-6;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;
    private static final double MOMENTUM = 0.9;

    private final Optimizer rule;
    private final double learningRate;
    private final float[] first;  // AdaGrad: squared-gradient sum; Adam: m; Nesterov: velocity
    private final float[] second; // Adam: v

    RowUpdater(Optimizer rule, double learningRate, int size) {
        this.rule = rule;
        this.learningRate = learningRate;
        this.first = rule == Optimizer.SGD ? null : new float[size];
        this.second = rule == Optimizer.ADAM ? new float[size] : null;
        if (rule == Optimizer.ADAGRAD) {
            Arrays.fill(first, (float) ADAGRAD_EPSILON); // ND4J starts the sum at ε, not 0
        }
    }

    /**
     * One step on params[at, at + length) given the gradient grad[from, from + length).
     * {@code step} counts updates from 1 (Adam's bias correction).
     */
    void apply(float[] params, int at, float[] grad, int from, int length, long step) {
        switch (rule) {
            case SGD -> {
                for (int i = 0; i < length; i++) {
                    params[at + i] -= (float) (learningRate * grad[from + i]);
                }
            }
            case ADAGRAD -> {
                for (int i = 0; i < length; i++) {
                    float g = grad[from + i];
                    first[at + i] += g * g;
                    params[at + i] -= (float) (learningRate * g / (Math.sqrt(first[at + i]) + ADAGRAD_EPSILON));
                }
            }
            case ADAM -> {
                double alpha = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
                for (int i = 0; i < length; i++) {
                    float g = grad[from + i];
                    first[at + i] = (float) (BETA1 * first[at + i] + (1 - BETA1) * g);
                    second[at + i] = (float) (BETA2 * second[at + i] + (1 - BETA2) * g * g);
                    params[at + i] -= (float) (alpha * first[at + i] / (Math.sqrt(second[at + i]) + ADAM_EPSILON));
                }
            }
            case NESTEROV -> {
                for (int i = 0; i < length; i++) {
                    float previous = first[at + i];
                    first[at + i] = (float) (MOMENTUM * previous - learningRate * grad[from + i]);
                    params[at + i] += (float) (-MOMENTUM * previous + (1 + MOMENTUM) * first[at + i]);
                }
            }
        }
    }
}
