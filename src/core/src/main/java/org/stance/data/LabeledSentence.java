package org.stance.data;

/**
 * One row of a sentence CSV. Empty strings stand for cells that are absent or blank.
 *
 * @param source where the sentence was taken from (a file path or "ant:DOCNO"), empty when not given
 * @param line the 1-based line of the file on which the row starts, for error messages
 */
public record LabeledSentence(String articleId, String sentenceId, String source, String target, String stance, String topic,
                              String text, int line) {

    /** The label in the named task column ("stance" or "topic"), empty when unlabeled. */
    public String label(String task) {
        return switch (task) {
            case Columns.STANCE -> stance;
            case Columns.TOPIC -> topic;
            case Columns.TARGET -> target;
            default -> throw new IllegalArgumentException("unknown task column " + task);
        };
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
