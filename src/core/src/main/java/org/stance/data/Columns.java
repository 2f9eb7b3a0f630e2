package org.stance.data;

import java.util.List;

/** Column names of the project's sentence CSVs (prepare output, labeled datasets, score output). */
public final class Columns {
    public static final String ARTICLE_ID = "article_id";
    public static final String SENTENCE_ID = "sentence_id";
    public static final String SOURCE = "source";
    public static final String KIND = "kind";
    public static final String TARGET = "target";
    public static final String STANCE = "stance";
    public static final String TOPIC = "topic";
    public static final String TEXT = "text";

    /** Columns that hold something else than a label: a task may be learned from any other column. */
    public static final java.util.Set<String> NOT_LABELS = java.util.Set.of(ARTICLE_ID, SENTENCE_ID, SOURCE, KIND, TARGET, TEXT);

    /** Whether {@code name} can name a task: a label column other than the reserved ones, a word of letters, digits, '_' or '-'. */
    public static boolean isTaskName(String name) {
        return name != null && !NOT_LABELS.contains(name) && name.matches("[\\p{L}][\\p{L}\\p{N}_-]{0,63}");
    }

    /** The order in which {@code prepare} writes them. */
    public static final List<String> ALL = List.of(ARTICLE_ID, SENTENCE_ID, SOURCE, KIND, TARGET, STANCE, TOPIC, TEXT);

    private Columns() {
    }
}
