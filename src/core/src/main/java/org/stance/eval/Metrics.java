package org.stance.eval;

import java.util.List;
import java.util.Map;

/**
 * Evaluation figures of one task on one set of examples.
 *
 * @param labels     class labels, in the model's order (rows and columns of the confusion matrix)
 * @param confusion  confusion[gold][predicted] counts
 * @param ece        expected calibration error of the top-class probability (15 equal-width bins)
 * @param favg       mean F1 of the "favour" and "against" classes when the task has them
 *                   (Mawqif/StanceEval's F_avg), averaged over targets when targets exist; null otherwise
 * @param favgByTarget F_avg per target (empty when no targets or no such classes)
 */
public record Metrics(String task, int n, double accuracy, double macroF1, List<ClassMetrics> perClass,
                      List<String> labels, List<List<Integer>> confusion, double ece, Double favg, Map<String, Double> favgByTarget) {
}
