package org.stance.api;

import java.util.List;
import java.util.Map;

/**
 * What a loaded model is, for a service: plain values only.
 *
 * @param labels           task ("stance", "topic") → labels, in output order
 * @param needsTarget      the model reads the target as an input: its scores depend on the target given
 * @param targets          the targets seen in training, when it needs one (scoring any other is refused)
 * @param noPositionLabels stance labels that take no position
 * @param formatVersion    the model file's format version
 * @param projectVersion   the stance version that trained it
 * @param createdAt        when it was trained (ISO-8601)
 * @param testMacroF1      task → macro-F1 on the test file given at training, when one was
 * @param trainingCounts   task → label → training sentences with that label (what rare means for this model)
 */
public record ModelInfo(Map<String, List<String>> labels, boolean needsTarget, List<String> targets, List<String> noPositionLabels,
                        int formatVersion, String projectVersion, String createdAt, Map<String, Double> testMacroF1,
                        Map<String, Map<String, Integer>> trainingCounts) {

    /** Unmodifiable copies: a caller changing what it was given must not change the model. */
    public ModelInfo {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        labels.forEach((task, l) -> copy.put(task, List.copyOf(l)));
        labels = java.util.Collections.unmodifiableMap(copy);
        targets = List.copyOf(targets);
        noPositionLabels = List.copyOf(noPositionLabels);
        testMacroF1 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(testMacroF1));
        Map<String, Map<String, Integer>> counts = new java.util.LinkedHashMap<>();
        trainingCounts.forEach((task, c) -> counts.put(task, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(c))));
        trainingCounts = java.util.Collections.unmodifiableMap(counts);
    }
}
