package org.stance.eval;

/** Precision, recall and F1 of one class, with its support (number of gold examples). */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
}
