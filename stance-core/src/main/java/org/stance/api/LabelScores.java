package org.stance.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's prediction: the top label, its probability, and every label's probability, most
 * probable first.
 */
public record LabelScores(String label, double probability, Map<String, Double> probabilities) {

    public LabelScores {
        probabilities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** From a probability row over labels in model order. */
    public static LabelScores of(List<String> labels, float[] probs) {
        // Insertion sort of a handful of label indices: called twice per sentence, where a boxed
        // comparator sort showed in the scoring profile.
        int[] order = new int[labels.size()];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j > 0 && before(i, order[j - 1], labels, probs)) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i : order) {
            map.put(labels.get(i), round(probs[i]));
        }
        int top = order[0];
        return new LabelScores(labels.get(top), round(probs[top]), map);
    }

    /** Label a ranks before label b: more probable, or as probable and first in alphabetical order. */
    private static boolean before(int a, int b, List<String> labels, float[] probs) {
        return probs[a] != probs[b] ? probs[a] > probs[b] : labels.get(a).compareTo(labels.get(b)) < 0;
    }

    /** The k most probable labels only. */
    public LabelScores top(int k) {
        Map<String, Double> map = new LinkedHashMap<>();
        probabilities.entrySet().stream().limit(k).forEach(e -> map.put(e.getKey(), e.getValue()));
        return new LabelScores(label, probability, map);
    }

    /** Probabilities carry 4 decimals: more would only show float noise. */
    static double round(double p) {
        return Math.round(p * 10000.0) / 10000.0;
    }
}
