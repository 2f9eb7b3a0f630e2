package org.stance.data;

/**
 * One row of a sentence CSV. Empty strings stand for cells that are absent or blank.
 *
 * @param source where the sentence was taken from (a file path or "ant:DOCNO"), empty when not given;
 *               {@code authored:URL} for text written by annotators after the page at URL (see {@link #authored()})
 * @param line the 1-based line of the file on which the row starts, for error messages
 */
public record LabeledSentence(String articleId, String sentenceId, String source, String target, String stance, String topic,
                              String text, int line, java.util.Map<String, String> otherLabels) {

    /** @param otherLabels labels of task columns other than stance and topic (a task learned from a column of another name) */
    public LabeledSentence {
        otherLabels = otherLabels == null ? java.util.Map.of() : java.util.Map.copyOf(otherLabels);
    }

    public LabeledSentence(String articleId, String sentenceId, String source, String target, String stance, String topic, String text, int line) {
        this(articleId, sentenceId, source, target, stance, topic, text, line, java.util.Map.of());
    }

    /** The label in the named task column, empty when unlabeled or when the file has no such column. */
    public String label(String task) {
        return switch (task) {
            case Columns.STANCE -> stance;
            case Columns.TOPIC -> topic;
            case Columns.TARGET -> target;
            default -> otherLabels.getOrDefault(task, "");
        };
    }

    /** The source prefix of authored rows: {@code authored:} followed by the URL of the page the text was modeled on. */
    public static final String AUTHORED = "authored:";

    /**
     * Whether this row was written by annotators (modeled on a real page) rather than taken from
     * real text. Authored rows are training material only: they never enter a dev, test or
     * cross-validation test fold, so that every figure is measured on real text.
     */
    public boolean authored() {
        return source.startsWith(AUTHORED);
    }

    /** The URL of the page an authored row was modeled on; empty for real rows. */
    public String modeledOn() {
        return authored() ? source.substring(AUTHORED.length()).strip() : "";
    }

    /** The columns a labeled dataset file holds, in order. */
    public static final java.util.List<String> COLUMNS = java.util.List.of(Columns.ARTICLE_ID, Columns.SENTENCE_ID, Columns.SOURCE,
            Columns.TARGET, Columns.STANCE, Columns.TOPIC, Columns.TEXT);

    /** The cells of this row in {@link #COLUMNS} order. */
    public java.util.List<String> cells() {
        return java.util.List.of(articleId, sentenceId, source, target, stance, topic, text);
    }

    /** The key that groups rows of one article for splitting; a row without article id is its own group. */
    public String groupKey() {
        return articleId.isEmpty() ? "line-" + line : articleId;
    }
}
