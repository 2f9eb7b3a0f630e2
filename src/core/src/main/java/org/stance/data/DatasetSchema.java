package org.stance.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a CSV must hold to be read for a purpose: the label columns that must be filled on every row,
 * the closed label sets of columns whose values are known in advance, and the label columns read
 * besides {@code stance} and {@code topic} (a task learned from a column of another name). A column
 * without a closed set accepts any label made of letters, digits, '_' and '-'.
 */
public record DatasetSchema(Set<String> requiredLabels, Map<String, List<String>> knownLabels, Set<String> otherLabelColumns) {

    public DatasetSchema {
        requiredLabels = Set.copyOf(requiredLabels);
        knownLabels = Map.copyOf(knownLabels);
        otherLabelColumns = Set.copyOf(otherLabelColumns);
    }

    public DatasetSchema(Set<String> requiredLabels, Map<String, List<String>> knownLabels) {
        this(requiredLabels, knownLabels, Set.of());
    }

    /** The same, also reading the given task columns as labels (those other than stance and topic). */
    public DatasetSchema withLabelColumns(java.util.Collection<String> tasks) {
        Set<String> other = new java.util.TreeSet<>(otherLabelColumns);
        tasks.stream().filter(t -> !t.equals(Columns.STANCE) && !t.equals(Columns.TOPIC) && !t.equals(Columns.TARGET)).forEach(other::add);
        return new DatasetSchema(requiredLabels, knownLabels, other);
    }

    /** Open label sets; the given columns must be filled on every row. */
    public static DatasetSchema open(Set<String> requiredLabels) {
        return new DatasetSchema(requiredLabels, Map.of());
    }

    /** Texts only (prepare output, unlabeled data): no label is required. */
    public static DatasetSchema unlabeled() {
        return new DatasetSchema(Set.of(), Map.of());
    }

    /** The same requirements with the given closed label sets (a model's labels, when evaluating). */
    public DatasetSchema withKnownLabels(Map<String, List<String>> labels) {
        Map<String, List<String>> merged = new LinkedHashMap<>(knownLabels);
        merged.putAll(labels);
        return new DatasetSchema(requiredLabels, merged, otherLabelColumns).withLabelColumns(labels.keySet());
    }
}
