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

    /** Fields of the score outputs (JSON lines, CSV, the server's records) that a task's field would collide with. */
    public static final java.util.Set<String> OUTPUT_FIELDS = java.util.Set.of("type", "level", "uncertain", "skipped", "explain", "error",
            "status", "index", "evidence", "topics", "sentences", "article", "probabilities");

    /**
     * Whether {@code name} can name a task: a word of letters, digits, '_' or '-' that is neither a
     * column holding something else than labels nor a field of the score outputs.
     */
    public static boolean isTaskName(String name) {
        return name != null && !NOT_LABELS.contains(name) && !OUTPUT_FIELDS.contains(name) && name.matches("[\\p{L}][\\p{L}\\p{N}_-]{0,63}")
                && !name.matches("(stance|topic)_.*|p_.*"); // the CSV output's columns derived from the stance and topic tasks
    }

    /** What {@link #isTaskName} requires, for error messages. */
    public static String taskNameRule() {
        java.util.Set<String> all = new java.util.TreeSet<>(NOT_LABELS);
        all.addAll(OUTPUT_FIELDS);
        all.addAll(java.util.List.of("stance_*", "topic_*", "p_*"));
        return "a word of letters, digits, '_' or '-' other than " + String.join(", ", all);
    }

    /** The order in which {@code prepare} writes them. */
    public static final List<String> ALL = List.of(ARTICLE_ID, SENTENCE_ID, SOURCE, KIND, TARGET, STANCE, TOPIC, TEXT);

    private Columns() {
    }
}
