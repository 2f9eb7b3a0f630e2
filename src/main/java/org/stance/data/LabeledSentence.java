package org.stance.data;

/**
 * One row of a sentence CSV. Empty strings stand for cells that are absent or blank.
 *
 * @param line the 1-based line of the file on which the row starts, for error messages
 */
public record LabeledSentence(String articleId, String sentenceId, String target, String stance, String topic,
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

    /** The key that groups rows of one article for splitting; a row without article id is its own group. */
    public String groupKey() {
        return articleId.isEmpty() ? "line-" + line : articleId;
    }
}
