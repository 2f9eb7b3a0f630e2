package org.stance.curation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Inter-annotator agreement between two labelings of the same items. */
public record Agreement(int n, double observed, double kappa, Map<String, Map<String, Integer>> matrix) {

    /** Cohen's kappa: (p_o − p_e) / (1 − p_e), with p_e from each annotator's own label frequencies. */
    public static Agreement of(List<String> first, List<String> second) {
        if (first.size() != second.size() || first.isEmpty()) {
            throw new IllegalArgumentException("two non-empty labelings of the same items are needed");
        }
        int n = first.size();
        Map<String, Map<String, Integer>> matrix = new TreeMap<>();
        Map<String, Integer> countA = new TreeMap<>();
        Map<String, Integer> countB = new TreeMap<>();
        TreeSet<String> labels = new TreeSet<>(first);
        labels.addAll(second);
        for (String a : labels) {
            Map<String, Integer> row = new TreeMap<>();
            labels.forEach(b -> row.put(b, 0));
            matrix.put(a, row);
        }
        int same = 0;
        for (int i = 0; i < n; i++) {
            String a = first.get(i);
            String b = second.get(i);
            matrix.get(a).merge(b, 1, Integer::sum);
            countA.merge(a, 1, Integer::sum);
            countB.merge(b, 1, Integer::sum);
            if (a.equals(b)) {
                same++;
            }
        }
        double po = (double) same / n;
        double pe = 0;
        for (String l : labels) {
            pe += countA.getOrDefault(l, 0) / (double) n * countB.getOrDefault(l, 0) / (double) n;
        }
        double kappa = pe >= 1 ? 1.0 : (po - pe) / (1 - pe);
        return new Agreement(n, po, kappa, matrix);
    }
}
