package org.stance.api;

import java.util.ArrayList;
import java.util.Comparator;
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
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -probs[i]).thenComparing(i -> labels.get(i)));
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i : order) {
            map.put(labels.get(i), round(probs[i]));
        }
        int top = order.get(0);
        return new LabelScores(labels.get(top), round(probs[top]), map);
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
