package org.stance.model;

/** How the loss of each class is weighted against label imbalance. */
public enum ClassWeighting {
    /** Every class weighs 1. */
    NONE,
    /** n / (k · count): rare classes weigh as much in total as frequent ones. */
    BALANCED,
    /** The square root of BALANCED: a milder correction that keeps precision on rare classes. */
    SQRT;

    double[] weights(int[] counts) {
        int k = counts.length;
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            double balanced = counts[c] == 0 ? 1.0 : (double) n / (k * (double) counts[c]);
            w[c] = switch (this) {
                case NONE -> 1.0;
                case BALANCED -> balanced;
                case SQRT -> Math.sqrt(balanced);
            };
        }
        return w;
    }
}
