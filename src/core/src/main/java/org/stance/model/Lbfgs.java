package org.stance.model;

import java.util.function.IntConsumer;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4/7.5) with a backtracking Armijo line
 * search, for the smooth convex objectives of {@link LogisticFit}. The correction pairs are kept
 * in float: they only shape the search direction, and a [features × labels] model of 200k
 * n-grams would otherwise hold hundreds of MB of history.
 */
final class Lbfgs {

    /** A differentiable function: writes the gradient at x into g and returns the value. */
    interface Objective {
        double evaluate(double[] x, double[] g);
    }

    /** How a minimisation ended. */
    record Outcome(double value, int iterations, int evaluations, boolean converged) {
    }

    private static final int MEMORY = 7;
    private static final double ARMIJO = 1e-4;

    private Lbfgs() {
    }

    /**
     * Minimises f from x (updated in place) until the largest gradient component is below
     * {@code tolerance}, the value stops moving (relative change under 1e-10), or
     * {@code maxIterations} iterations. {@code onIteration} hears each finished iteration.
     */
    static Outcome minimize(Objective f, double[] x, double tolerance, int maxIterations, IntConsumer onIteration) {
        int n = x.length;
        double[] g = new double[n];
        double value = f.evaluate(x, g);
        int evaluations = 1;
        float[][] s = new float[MEMORY][];
        float[][] y = new float[MEMORY][];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        double[] direction = new double[n];
        double[] xNext = new double[n];
        double[] gNext = new double[n];
        int iteration = 0;
        boolean converged = maxAbs(g) < tolerance;
        while (!converged && iteration < maxIterations) {
            // two-loop recursion: direction = -H·g
            for (int i = 0; i < n; i++) {
                direction[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, MEMORY);
                alpha[j] = rho[j] * dot(s[j], direction);
                axpy(-alpha[j], y[j], direction);
            }
            double scale = 1.0 / Math.max(1.0, Math.sqrt(dot(g, g))); // first step: a unit move
            if (stored > 0) {
                scale = 1.0 / (rho[newest] * dot(y[newest], y[newest]));
            }
            for (int i = 0; i < n; i++) {
                direction[i] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, MEMORY);
                double beta = rho[j] * dot(y[j], direction);
                axpy(alpha[j] - beta, s[j], direction);
            }
            double slope = dot(g, direction);
            if (slope >= 0) { // not a descent direction (lost curvature): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i] / Math.max(1.0, Math.sqrt(dot(g, g)));
                }
                slope = dot(g, direction);
            }
            double step = 1.0;
            double nextValue;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNext[i] = x[i] + step * direction[i];
                }
                nextValue = f.evaluate(xNext, gNext);
                evaluations++;
                if (nextValue <= value + ARMIJO * step * slope || step < 1e-12) {
                    break;
                }
                step *= 0.5;
            }
            iteration++;
            double change = value - nextValue;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sy += (xNext[i] - x[i]) * (gNext[i] - g[i]);
            }
            if (sy > 1e-12) { // keep the pair only where the curvature condition holds
                int slot = (newest + 1) % MEMORY;
                if (s[slot] == null) {
                    s[slot] = new float[n];
                    y[slot] = new float[n];
                }
                for (int i = 0; i < n; i++) {
                    s[slot][i] = (float) (xNext[i] - x[i]);
                    y[slot][i] = (float) (gNext[i] - g[i]);
                }
                rho[slot] = 1.0 / dot(s[slot], y[slot]);
                newest = slot;
                stored = Math.min(stored + 1, MEMORY);
            }
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            value = nextValue;
            onIteration.accept(iteration);
            converged = maxAbs(g) < tolerance || (change >= 0 && change <= 1e-10 * Math.max(1.0, Math.abs(value)));
        }
        return new Outcome(value, iteration, evaluations, converged);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, float[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
