package org.stance.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;

/** Computes {@link Metrics} from gold labels and predicted probability rows. */
public final class Evaluator {

    static final int CALIBRATION_BINS = 15;

    /** The label pairs treated as "favour" and "against" for F_avg, as they appear in public stance datasets. */
    static final List<List<String>> FAVG_PAIRS = List.of(List.of("favor", "against"), List.of("FAVOR", "AGAINST"),
            List.of("Favor", "Against"));

    private Evaluator() {
    }

    /** Metrics of one task over the rows that carry its label. */
    public static Metrics evaluate(String task, List<String> labels, List<LabeledSentence> rows, float[][] probs) {
        List<Integer> gold = new ArrayList<>();
        List<float[]> p = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String label = rows.get(i).label(task);
            if (!label.isEmpty() && labels.contains(label)) {
                gold.add(labels.indexOf(label));
                p.add(probs[i]);
                targets.add(rows.get(i).target());
            }
        }
        return evaluate(task, labels, gold.stream().mapToInt(Integer::intValue).toArray(), p.toArray(float[][]::new), targets);
    }

    /**
     * @param gold    gold label index per example
     * @param probs   predicted probabilities per example, one entry per label
     * @param targets the example's target ("" when none), for per-target F_avg
     */
    public static Metrics evaluate(String task, List<String> labels, int[] gold, float[][] probs, List<String> targets) {
        int k = labels.size();
        int n = gold.length;
        int[] predicted = new int[n];
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            predicted[i] = argmax(probs[i]);
            confusion[gold[i]][predicted[i]]++;
            if (predicted[i] == gold[i]) {
                correct++;
            }
        }
        List<ClassMetrics> perClass = perClass(labels, confusion);
        double macro = perClass.stream().mapToDouble(ClassMetrics::f1).average().orElse(0);
        Map<String, Double> byTarget = new TreeMap<>();
        Double favg = favg(labels, gold, predicted, targets, byTarget);
        List<List<Integer>> matrix = new ArrayList<>();
        for (int[] row : confusion) {
            matrix.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return new Metrics(task, n, n == 0 ? 0 : (double) correct / n, macro, perClass, List.copyOf(labels), matrix,
                ece(gold, probs), favg, byTarget);
    }

    static List<ClassMetrics> perClass(List<String> labels, int[][] confusion) {
        int k = labels.size();
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int goldCount = 0;
            int predCount = 0;
            for (int j = 0; j < k; j++) {
                goldCount += confusion[c][j];
                predCount += confusion[j][c];
            }
            double p = predCount == 0 ? 0 : (double) tp / predCount;
            double r = goldCount == 0 ? 0 : (double) tp / goldCount;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out.add(new ClassMetrics(labels.get(c), p, r, f, goldCount));
        }
        return out;
    }

    /** Mean F1 of favour and against; per target then averaged when targets are given (StanceEval). */
    private static Double favg(List<String> labels, int[] gold, int[] predicted, List<String> targets, Map<String, Double> byTarget) {
        for (List<String> pair : FAVG_PAIRS) {
            int favor = labels.indexOf(pair.get(0));
            int against = labels.indexOf(pair.get(1));
            if (favor < 0 || against < 0) {
                continue;
            }
            Map<String, List<Integer>> groups = GroupSplitter.positionsByGroup(targets.subList(0, gold.length));
            double sum = 0;
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                int[][] conf = new int[labels.size()][labels.size()];
                for (int i : g.getValue()) {
                    conf[gold[i]][predicted[i]]++;
                }
                List<ClassMetrics> pc = perClass(labels, conf);
                double f = (pc.get(favor).f1() + pc.get(against).f1()) / 2;
                if (!g.getKey().isEmpty()) {
                    byTarget.put(g.getKey(), f);
                }
                sum += f;
            }
            return groups.isEmpty() ? 0.0 : sum / groups.size();
        }
        return null;
    }

    /** Expected calibration error of the top-class confidence. */
    static double ece(int[] gold, float[][] probs) {
        int n = gold.length;
        double[] conf = new double[CALIBRATION_BINS];
        double[] acc = new double[CALIBRATION_BINS];
        int[] count = new int[CALIBRATION_BINS];
        for (int i = 0; i < n; i++) {
            int top = argmax(probs[i]);
            double p = probs[i][top];
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p * CALIBRATION_BINS));
            conf[bin] += p;
            acc[bin] += top == gold[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(acc[b] / count[b] - conf[b] / count[b]) * count[b] / n;
            }
        }
        return ece;
    }

    public static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
