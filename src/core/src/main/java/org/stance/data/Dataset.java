package org.stance.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sentences read from one or more CSV files.
 *
 * @param name   where the rows came from (file names), for reports
 * @param sha256 SHA-256 of the file bytes (of all files in order, hashed together), recorded in models
 */
public record Dataset(String name, List<LabeledSentence> rows, String sha256) {

    public Dataset {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /** Rows that carry a label in the given task column. */
    public List<LabeledSentence> labeled(String task) {
        return rows.stream().filter(r -> !r.label(task).isEmpty()).toList();
    }

    /** Distinct labels of a task column, sorted. */
    public List<String> labels(String task) {
        Set<String> set = new java.util.TreeSet<>();
        for (LabeledSentence r : rows) {
            if (!r.label(task).isEmpty()) {
                set.add(r.label(task));
            }
        }
        return new ArrayList<>(set);
    }

    /** Label → count for a task column, sorted by label. */
    public Map<String, Integer> counts(String task) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledSentence r : labeled(task)) {
            counts.merge(r.label(task), 1, Integer::sum);
        }
        return counts;
    }

    /** Article ids in first-seen order. */
    public Set<String> articles() {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.groupKey()));
        return ids;
    }
    /**
     * Refuses authored rows in a set that is evaluated on (dev, test, an evaluation file): they
     * are training material only. Names the file and line of the first one.
     */
    public Dataset requireReal(String role) {
        for (LabeledSentence r : rows) {
            if (r.authored()) {
                throw new org.stance.UserError(name + ":" + r.line() + ": article " + r.articleId() + " is authored (source "
                        + r.source() + "); authored text is training material only and cannot be in " + (role.matches("[aeiou].*") ? "an " : "a ") + role + " set");
            }
        }
        return this;
    }

    /**
     * Refuses rows whose source (an authored row's "modeled on" page, or a real row's URL) is one
     * of {@code heldOut}: pages kept for evaluation must not be trained or modeled on.
     */
    public Dataset requireNoneOf(HeldOutSources heldOut) {
        for (LabeledSentence r : rows) {
            String page = r.authored() ? r.modeledOn() : r.source();
            if (heldOut.contains(page)) {
                throw new org.stance.UserError(name + ":" + r.line() + ": article " + r.articleId() + " is from a held-out page ("
                        + page + ", listed in " + heldOut.file() + ")");
            }
        }
        return this;
    }

    public Dataset subset(String subName, List<LabeledSentence> subRows) {
        return new Dataset(subName, subRows, sha256);
    }
}
